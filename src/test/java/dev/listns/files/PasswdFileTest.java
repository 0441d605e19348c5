package dev.listns.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdFileTest {
    @TempDir
    Path dir;

    private Path passwd(String text) throws Exception {
        return Files.writeString(dir.resolve("passwd"), text, StandardCharsets.UTF_8);
    }

    @Test
    void namesUidsByTheFirstLineForEach() throws Exception {
        PasswdFile names = new PasswdFile(passwd("""
                root:x:0:0:root:/root:/bin/bash
                www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
                toor:x:0:0:second root:/root:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                big:x:4294967294:1::/:/bin/false
                """));

        assertThat(names.name(0)).hasValue("root");
        assertThat(names.name(33)).hasValue("www-data");
        assertThat(names.name(65534)).hasValue("nobody");
        assertThat(names.name((int) 4294967294L)).hasValue("big");
        assertThat(names.name(1000)).isEmpty();
    }

    @Test
    void skipsLinesThatAreNoEntries() {
        Map<Integer, String> names = PasswdFile.parse("""
                # a comment
                :x:5:5::/:/bin/sh
                short:x:7
                minus:x:-1:0::/:/bin/sh
                toolong:x:99999999999:0::/:/bin/sh
                ok:x:8:8::/:/bin/sh
                +nis::::::
                """);

        assertThat(names).containsExactly(Map.entry(8, "ok"));
    }

    @Test
    void readsTheFileOnceOnly() throws Exception {
        Path file = passwd("alice:x:1000:1000::/home/alice:/bin/sh\n");
        PasswdFile names = new PasswdFile(file);
        assertThat(names.name(1000)).hasValue("alice");

        Files.writeString(file, "bob:x:1000:1000::/home/bob:/bin/sh\n");
        assertThat(names.name(1000)).as("what the first question read").hasValue("alice");
    }

    @Test
    void missingLinkedOrNonRegularFilesNameNobody() throws Exception {
        Path real = passwd("alice:x:1000:1000::/home/alice:/bin/sh\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        assertThat(new PasswdFile(dir.resolve("missing")).name(1000)).isEmpty();
        assertThat(new PasswdFile(link).name(1000)).isEmpty();
        assertThat(new PasswdFile(dir).name(1000)).isEmpty();
    }

    @Test
    void readsNoMoreThanTheLimit() throws Exception {
        StringBuilder text = new StringBuilder();
        String filler = "u%d:x:%d:0::/:/bin/sh%n";
        for (int uid = 0; text.length() <= PasswdFile.LIMIT; uid++) {
            text.append(String.format(filler, uid, uid));
        }
        text.append("last:x:999999999:0::/:/bin/sh\n");
        PasswdFile names = new PasswdFile(passwd(text.toString()));

        assertThat(names.name(0)).hasValue("u0");
        assertThat(names.name(999999999)).as("beyond the limit").isEmpty();
    }
}
