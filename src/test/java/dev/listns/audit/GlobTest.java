package dev.listns.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', value = {
        "net             | net                        | true",
        "net             | nett                       | false",
        "net             | ne                         | false",
        "*               | ''                         | true",
        "*               | anything at all            | true",
        "podman:*        | podman:d4ff6e99ed56        | true",
        "podman:*        | docker:d4ff6e99ed56        | false",
        "*sleep*         | /usr/bin/sleep 600         | true",
        "*sleep          | sleep 600                  | false",
        "?               | a                          | true",
        "?               | ''                         | false",
        "??              | a                          | false",
        "a*b*c           | aXXbYYc                    | true",
        "a*b*c           | aXXbYY                     | false",
        "a*b*c           | abcabc                     | true",
        "*a*a*a*b        | aaaaaaaaaaaaaaaaaaaaaaaaab | true",
        "bind mount /run/netns/* | bind mount /run/netns/foo | true",
        "x.y             | xzy                        | false",
        "[abc]           | a                          | false",
        "[abc]           | [abc]                      | true",
        "(a)+            | a                          | false",
        "\\d             | \\d                        | true",
        "\\d             | 1                          | false",
    })
    void matches(String pattern, String text, boolean expected) {
        assertThat(new Glob(pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void questionMarkMatchesOneCharacterOutsideTheBasicPlane() {
        assertThat(new Glob("a?b").matches("a\uD83D\uDE00b")).isTrue();
    }

    @Test
    @Timeout(2)
    void manyStarsDoNotTakeExponentialTime() {
        String text = "a".repeat(5000);
        assertThat(new Glob("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(text)).isFalse();
    }
}
