package dev.listns.scan;


import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Enters the namespace with util-linux {@code nsenter} (which lsns users have) and lets {@code cat}
 * print /proc/self/mountinfo there. Both programs are looked up inside the entered namespace, which
 * is a copy of the host's in the usual cases (unshare -m, ip netns); where they are missing the
 * namespace's table stays unread and the scan notes it.
 */
public final class NsenterMountTableReader implements MountTableReader {
    private static final long TIMEOUT_SECONDS = 5;
    private static final DebugLog LOG = new DebugLog(NsenterMountTableReader.class);

    @Override
    public Optional<byte[]> read(List<Path> chain) {
        List<String> command = new ArrayList<>();
        for (Path step : chain) {
            command.add("nsenter");
            command.add("--mount=" + step);
            command.add("--");
        }
        command.add("cat");
        command.add("/proc/self/mountinfo");
        Process helper = null;
        try {
            helper = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] output = helper.getInputStream().readAllBytes();
            if (helper.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && helper.exitValue() == 0) {
                return Optional.of(output);
            }
            LOG.debug("{} failed or timed out", command);
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("{} could not be started", command, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (helper != null) {
                helper.destroyForcibly();
            }
        }
    }
}
