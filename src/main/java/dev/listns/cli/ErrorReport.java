package dev.listns.cli;

import java.io.PrintWriter;

/** The one line on stderr for a usage error or a failure, the same whether picocli read the command line or not. */
final class ErrorReport {
    private ErrorReport() {
    }

    /** {@code listns: MESSAGE (see 'COMMAND --help')}; answers the usage exit code. */
    static int usage(PrintWriter err, String command, String message) {
        err.println("listns: " + oneLine(message) + " (see '" + command + " --help')");
        return ExitCodes.USAGE;
    }

    /** {@code listns: MESSAGE (ExceptionClass)}, and the stack trace with --debug. */
    static void failure(PrintWriter err, Exception e, boolean debug) {
        err.println("listns: " + oneLine(String.valueOf(e.getMessage())) + " (" + e.getClass().getSimpleName() + ")");
        if (debug) {
            e.printStackTrace(err);
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
