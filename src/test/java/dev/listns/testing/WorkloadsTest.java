package dev.listns.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class WorkloadsTest {
    private static final String MISSING = "listns-no-such-program-4f2a";
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(Workloads.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Workloads.PROPERTY);
        } else {
            System.setProperty(Workloads.PROPERTY, saved);
        }
    }

    @Test
    void aMissingProgramSkipsByDefault() {
        System.clearProperty(Workloads.PROPERTY);

        assertThatThrownBy(() -> Workloads.require("sh", MISSING)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(MISSING + " is not installed").hasMessageContaining("skipped");
    }

    @Test
    void aMissingProgramFailsWhereEveryWorkloadIsRequired() {
        System.setProperty(Workloads.PROPERTY, Workloads.REQUIRED);

        assertThatThrownBy(() -> Workloads.require("sh", MISSING)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(MISSING + " is not installed").hasMessageContaining("tests/install-workloads");
    }

    @Test
    void theMessageNamesTheDebianPackageToInstall() {
        assertThat(Workloads.notInstalled("promtool")).isEqualTo("promtool is not installed (Debian package prometheus)");
        assertThat(Workloads.notInstalled("lxc-create")).endsWith("(Debian package lxc)");
        assertThat(Workloads.notInstalled(MISSING)).isEqualTo(MISSING + " is not installed");
    }

    @Test
    void presentProgramsPass() {
        System.setProperty(Workloads.PROPERTY, Workloads.REQUIRED);

        assertThatCode(() -> Workloads.require("sh")).doesNotThrowAnyException();
    }

    @Test
    void aWorkloadThatCannotRunFailsOnlyWhereRequired() {
        System.clearProperty(Workloads.PROPERTY);
        assertThatThrownBy(() -> Workloads.unavailable("engine said no")).isInstanceOf(TestAbortedException.class);

        System.setProperty(Workloads.PROPERTY, Workloads.REQUIRED);
        assertThatThrownBy(() -> Workloads.unavailable("engine said no")).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("engine said no");
    }
}
