package dev.listns.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version Maven wrote into the jar at build time. No picocli here: JSON and metrics name it on the
 * path that never loads picocli; {@code --version} prints it through {@link CommandSpecs}.
 */
public final class VersionProvider {
    private VersionProvider() {
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return properties.getProperty("version", "unknown");
    }

    /** What {@code --version} prints: listns's version and the JVM it runs on. */
    static String[] versionLines() {
        return new String[] {"listns " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
