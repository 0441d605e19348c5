package dev.listns.scan;

import dev.listns.model.Container;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a container from the cgroup paths of a process (/proc/PID/cgroup), for the engines
 * whose cgroup naming is known. The first rule that matches any line wins, most specific first.
 */
final class CgroupContainerMatcher {
    private static final String HEX_ID = "([0-9a-f]{64})";

    private record Rule(String engine, Pattern pattern) {
    }

    /**
     * The rules, compiled when a cgroup first mentions an engine: a host without containers never
     * compiles them (ten regexes, and the classes they spin, on every start).
     */
    private static final class Rules {
        static final List<Rule> ALL = List.of(
                new Rule("docker", Pattern.compile("docker-" + HEX_ID + "\\.scope")),
                new Rule("docker", Pattern.compile("/docker/" + HEX_ID)),
                new Rule("containerd", Pattern.compile("cri-containerd-" + HEX_ID + "\\.scope")),
                new Rule("podman", Pattern.compile("libpod-(?!conmon-)" + HEX_ID)),
                new Rule("cri-o", Pattern.compile("crio-(?!conmon-)" + HEX_ID)),
                new Rule("kubepods", Pattern.compile("kubepods.*/" + HEX_ID)),
                new Rule("kubepods", Pattern.compile("kubepods.*[/-](pod[0-9a-f_-]{36})")),
                new Rule("lxc", Pattern.compile("lxc\\.payload\\.([^/\\n]+)")),
                new Rule("lxc", Pattern.compile("/lxc/([^/\\n]+)")),
                new Rule("nspawn", Pattern.compile("machine-([^/\\n]+)\\.scope")));
    }

    /** Words every rule's pattern contains: most host processes match none, and skip the regexes. */
    private static final List<String> KEYWORDS = List.of("docker", "containerd", "libpod", "crio", "kubepods", "lxc", "machine-");

    Optional<Container> match(String cgroupText) {
        if (!mentionsAnEngine(cgroupText)) {
            return Optional.empty();
        }
        for (Rule rule : Rules.ALL) {
            Matcher matcher = rule.pattern().matcher(cgroupText);
            if (matcher.find()) {
                String id = rule.engine().equals("nspawn") ? unescapeSystemdUnit(matcher.group(1)) : matcher.group(1);
                return Optional.of(new Container(rule.engine(), id));
            }
        }
        return Optional.empty();
    }

    static boolean mentionsAnEngine(String cgroupText) {
        for (String keyword : KEYWORDS) {
            if (cgroupText.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** systemd escapes '-' in unit names as {@code \x2d}; machine names show it plainly. */
    private static String unescapeSystemdUnit(String name) {
        return name.replace("\\x2d", "-");
    }
}
