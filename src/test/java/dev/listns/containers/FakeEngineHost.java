package dev.listns.containers;

import dev.listns.model.Container;
import dev.listns.nativeaccess.NativeAccess;
import dev.listns.scan.ContainerNamer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A host's engine state laid out under a test directory, owned by the running user, who stands for
 * root; {@link #ROOT_UID} is the uid of "root's" containers, one no test user has.
 */
final class FakeEngineHost {
    static final int ROOT_UID = 2_000_000_000;

    private final Path root;
    private final int me;

    FakeEngineHost(Path root) {
        this.root = root;
        try {
            this.me = (Integer) Files.getAttribute(root, "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uid of the user running the tests, who owns every file made here. */
    int me() {
        return me;
    }

    HostPaths paths() {
        return new HostPaths(root, me, ROOT_UID);
    }

    /** The host's {@code absolute} path under the test directory. */
    Path path(String absolute) {
        return paths().of(absolute);
    }

    Path put(String absolute, byte[] content) {
        Path file = path(absolute);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path put(String absolute, String content) {
        return put(absolute, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A file of src/test/resources/engines at {@code absolute}. */
    Path putResource(String absolute, String resource) {
        return put(absolute, resource(resource));
    }

    /**
     * Every file below the directory {@code resourceDir} of src/test/resources/engines, at the same
     * place below {@code absolute}: an engine's recorded directory tree laid out where it keeps it.
     */
    void putTree(String absolute, String resourceDir) {
        Path from = resourcePath(resourceDir);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(absolute + "/" + from.relativize(file), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the test resource engines/{@code name} is: the build copies them to plain files. */
    static Path resourcePath(String name) {
        try {
            java.net.URL url = FakeEngineHost.class.getResource("/engines/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no test resource engines/" + name);
            }
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = FakeEngineHost.class.getResourceAsStream("/engines/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource engines/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /etc/passwd} with a user {@code alice} of the running user's uid, home {@code /home/alice}. */
    FakeEngineHost aliceAtHome() {
        // alice first: where the tests run as root, root's own line has the same uid, and the first one counts.
        put("/etc/passwd", "alice:x:" + me + ":" + me + "::/home/alice:/bin/sh\nroot:x:0:0:root:/root:/bin/bash\n");
        return this;
    }

    /** Every way this JVM can read engine state: the JDK's walk, and openat2 on Java 22+. */
    static Stream<StateFileReader> readers() {
        List<StateFileReader> readers = new ArrayList<>(List.of(new JavaStateFileReader()));
        NativeAccess.loadUntrustedFiles().ifPresent(sys -> readers.add(StateFileReader.best()));
        return readers.stream();
    }

    Optional<Container> name(StateFileReader reader, Container container, int ownerUid) {
        return name(reader, container, ownerUid, Optional.empty());
    }

    Optional<Container> name(StateFileReader reader, Container container, int ownerUid, Optional<String> containerdNamespace) {
        ContainerNamer.Naming naming = new EngineRecords(paths(), reader, Duration.ofSeconds(10))
                .name(List.of(new ContainerNamer.Sighting(container, ownerUid, containerdNamespace)));
        return Optional.ofNullable(naming.named().get(container));
    }
}
