package dev.listns.containers;

import dev.listns.scan.Utf8;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users' home directories, from the host's {@code /etc/passwd} (passwd(5): name, password, UID, GID,
 * GECOS, home, shell, separated by colons), read once per lookup and only when a rootless container is
 * found. Users that only a directory service knows (LDAP, sssd) are not in it, and their rootless
 * containers stay unnamed: listns does not call NSS, which could run a plug-in or wait on a server.
 */
final class UserHomes {
    private static final int PASSWD_LIMIT = 16 << 20;

    /**
     * A home: {@code base}, its parent directory (root's, such as {@code /home}), which is resolved as
     * trusted, and {@code names} below it, the user's own, which are followed only without links.
     */
    record Home(String base, List<String> names) {
        /** This home's {@code more} names below it. */
        List<String> below(String... more) {
            List<String> path = new ArrayList<>(names);
            path.addAll(List.of(more));
            return path;
        }
    }

    private final StateFiles files;
    private Map<Integer, Home> homes;

    UserHomes(StateFiles files) {
        this.files = files;
    }

    Optional<Home> of(int uid) {
        if (homes == null) {
            homes = files.read("/etc", List.of("passwd"), files.host().systemOwner(), PASSWD_LIMIT)
                    .map(bytes -> parse(Utf8.DECODER.decode(bytes))).orElse(Map.of());
        }
        return Optional.ofNullable(homes.get(uid));
    }

    /** The first entry of each UID with a usable home: absolute, not {@code /}, without {@code .} or {@code ..}. */
    static Map<Integer, Home> parse(String passwd) {
        Map<Integer, Home> homes = new HashMap<>();
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length != 7 || !fields[2].matches("[0-9]{1,9}") || !fields[5].startsWith("/")) {
                continue;
            }
            Path home;
            try {
                home = Path.of(fields[5]);
            } catch (InvalidPathException e) {
                continue; // a NUL in the field
            }
            if (!home.normalize().equals(home) || home.getNameCount() == 0 || fields[5].contains("//")
                    || fields[5].endsWith("/")) {
                continue;
            }
            Path parent = home.getParent();
            homes.putIfAbsent(Integer.parseInt(fields[2]),
                    new Home(parent.toString(), List.of(home.getFileName().toString())));
        }
        return homes;
    }
}
