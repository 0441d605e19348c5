package dev.listns.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files the build generated in process-classes and packages: the tests check these, not a copy made
 * on the side, so what is tested is what ships.
 */
final class Shipped {
    static final Path MAN_PAGE = target().resolve("man/listns.8");
    static final Path BASH_COMPLETION = target().resolve("completion/listns.bash");
    static final Path ZSH_COMPLETION = target().resolve("completion/_listns");

    private Shipped() {
    }

    private static Path target() {
        return Path.of(System.getProperty("listns.target", "target"));
    }

    static String read(Path file) throws IOException {
        assertThat(file).as("%s is written by the build before the tests (./mvnw process-classes)", file).isRegularFile();
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
