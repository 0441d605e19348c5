package dev.listns.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a record's written-out equals and hashCode against the generated ones, through a twin record of
 * the same components (whose methods the compiler generates): see {@link RecordEqualityTest}.
 */
public final class FieldWiseEquality {
    private FieldWiseEquality() {
    }

    /**
     * For every pair of {@code values}: equal exactly when their twins are, and each value hashes as its
     * twin. {@code values} must hold at least one pair of equal but distinct objects.
     */
    public static <T> void assertFieldWise(List<T> values, Function<T, Record> twin) {
        List<String> equalPairs = new ArrayList<>();
        for (T x : values) {
            assertThat(x.hashCode()).as("hash of %s", x).isEqualTo(twin.apply(x).hashCode());
            assertThat(x.equals(null)).isFalse();
            assertThat(x.equals(twin.apply(x))).as("a twin is another type").isFalse();
            for (T y : values) {
                boolean generated = twin.apply(x).equals(twin.apply(y));
                assertThat(x.equals(y)).as("%s equals %s", x, y).isEqualTo(generated);
                if (generated && x != y) {
                    equalPairs.add(x + " = " + y);
                }
            }
        }
        assertThat(equalPairs).as("equal values that are not the same object").isNotEmpty();
    }
}
