package dev.listns.audit;

import dev.listns.model.Container;
import dev.listns.model.Holder;
import dev.listns.model.HolderRecord;
import dev.listns.model.Holders;
import dev.listns.model.Namespace;
import dev.listns.model.NamespaceId;
import dev.listns.model.ProcessInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes a state file, strictly: anything unexpected is refused, because a state misread as "no
 * namespaces" would report everything as new, and one misread as "more namespaces" would hide changes.
 */
final class StateReader {
    private StateReader() {
    }

    /** @param source the file, for messages */
    static AuditState decode(byte[] bytes, String source) throws AuditException {
        checkHeader(bytes, source);
        int lineNumber = 1;
        for (byte b : bytes) {
            if (b == '\n') {
                lineNumber++;
            } else if (b < 0x20 || b >= 0x7F) {
                throw corrupt(source, lineNumber, "a character that is never written (" + (b & 0xFF) + ")");
            }
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw truncated(source, "the last line is incomplete");
        }
        String[] lines = new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII).split("\n", -1);
        return new Parse(lines, source).run();
    }

    private static void checkHeader(byte[] bytes, String source) throws AuditException {
        if (bytes.length == 0) {
            throw new AuditException("state file " + source + " is empty, not a listns audit state; not touching it"
                    + " (remove it to start afresh)");
        }
        int end = 0;
        while (end < bytes.length && end < 64 && bytes[end] != '\n') {
            end++;
        }
        String first = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        if (!first.startsWith(StateFormat.MAGIC + " ")) {
            throw new AuditException("state file " + source + " is not a listns audit state (it does not start with '"
                    + StateFormat.MAGIC + "'); not touching it");
        }
        String version = first.substring(StateFormat.MAGIC.length() + 1);
        if (!version.matches("[0-9]{1,9}")) {
            throw corrupt(source, 1, "bad format version '" + printable(version) + "'");
        }
        if (Integer.parseInt(version) != StateFormat.VERSION) {
            throw new AuditException("state file " + source + " has format version " + Integer.parseInt(version)
                    + ", this listns reads only version " + StateFormat.VERSION + "; not touching it");
        }
    }

    static AuditException corrupt(String source, int line, String reason) {
        return new AuditException("state file " + source + " is corrupt at line " + line + ": " + reason
                + "; not touching it (remove it to start afresh)");
    }

    private static AuditException truncated(String source, String reason) {
        return new AuditException("state file " + source + " is truncated (" + reason
                + "); not touching it (remove it to start afresh)");
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /** One pass over the lines: header, boot, warnings, then namespace blocks, then the end line. */
    private static final class Parse {
        private final String[] lines;
        private final String source;
        private int index;
        private String bootId;
        private final List<String> warnings = new ArrayList<>();
        private final List<String> unavailable = new ArrayList<>();
        private final List<Namespace> namespaces = new ArrayList<>();
        private final Set<NamespaceId> seen = new HashSet<>();
        /** By "ENGINE ID": what {@code container} lines say of the containers process records name. */
        private final Map<String, Container> containers = new HashMap<>();
        private Draft draft;

        Parse(String[] lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        AuditState run() throws AuditException {
            for (index = 1; index < lines.length; index++) {
                String[] fields = lines[index].split(" ", -1);
                try {
                    if (fields[0].equals(StateFormat.END)) {
                        end(fields);
                        return new AuditState(bootId, warnings, unavailable, namespaces);
                    }
                    record(fields);
                } catch (IllegalArgumentException e) {
                    throw corrupt(source, index + 1, e.getMessage());
                }
            }
            throw truncated(source, "no '" + StateFormat.END + "' line");
        }

        private void record(String[] fields) {
            String tag = fields[0];
            boolean bootExpected = index == 1;
            if (bootExpected && !tag.equals(StateFormat.BOOT)) {
                throw new IllegalArgumentException("expected the boot line");
            }
            if (!bootExpected && tag.equals(StateFormat.BOOT)) {
                throw new IllegalArgumentException("a second boot line");
            }
            switch (tag) {
                case StateFormat.BOOT -> bootId = text(fields, 1, 1);
                case StateFormat.WARNING -> warnings.add(beforeNamespaces(text(fields, 1, 1)));
                case StateFormat.UNAVAILABLE -> unavailable.add(beforeNamespaces(text(fields, 1, 1)));
                case StateFormat.CONTAINER -> container(fields);
                case StateFormat.NAMESPACE -> namespace(fields);
                case StateFormat.NAME -> current().names.add(text(fields, 1, 1));
                case StateFormat.NAMESPACE_ID -> namespaceKernelId(fields);
                default -> current().holders.add(holder(fields));
            }
        }

        private String beforeNamespaces(String warning) {
            if (draft != null || !namespaces.isEmpty()) {
                throw new IllegalArgumentException("a warning after the namespaces");
            }
            return warning;
        }

        /** container ENGINE ID NAME POD POD_NAMESPACE, before the namespaces, once per container. */
        private void container(String[] fields) {
            count(fields, 5);
            if (draft != null || !namespaces.isEmpty()) {
                throw new IllegalArgumentException("a container after the namespaces");
            }
            Container container = new Container(StateFields.unescape(fields[1]), StateFields.unescape(fields[2]))
                    .named(optionalText(fields[3]), optionalText(fields[4]), optionalText(fields[5]), Map.of());
            if (containers.put(container.engine() + " " + container.id(), container) != null) {
                throw new IllegalArgumentException("container " + printable(fields[2]) + " is recorded twice");
            }
        }

        private void namespace(String[] fields) {
            count(fields, 5);
            finishDraft();
            NamespaceId id = namespaceId(fields[1]);
            if (!seen.add(id)) {
                throw new IllegalArgumentException(id + " is recorded twice");
            }
            draft = new Draft(id, optionalId(fields[2]), optionalId(fields[3]), optionalInt(fields[4]), optionalInt(fields[5]));
        }

        /** The ns_id line, which may follow its ns line directly, once. */
        private void namespaceKernelId(String[] fields) {
            count(fields, 1);
            Draft current = current();
            if (current.nsId.isPresent() || !current.names.isEmpty() || !current.holders.isEmpty()) {
                throw new IllegalArgumentException("'" + StateFormat.NAMESPACE_ID + "' only directly after its 'ns' line");
            }
            long id = number(fields[1]);
            if (id <= 0) {
                throw new IllegalArgumentException("'" + fields[1] + "' is not a namespace id");
            }
            current.nsId = OptionalLong.of(id);
        }

        private Draft current() {
            if (draft == null) {
                throw new IllegalArgumentException("a namespace detail before any 'ns' line");
            }
            return draft;
        }

        /** A holder record, read field by field as its kind wrote it; every field must be used. */
        private Holder holder(String[] fields) {
            FieldReader in = new FieldReader(fields, containers);
            Holder holder = Holders.read(fields[0], in);
            if (in.next != fields.length) {
                int extra = fields.length - in.next;
                throw new IllegalArgumentException("'" + printable(fields[0]) + "' has " + extra + " field"
                        + (extra == 1 ? "" : "s") + " more than it needs");
            }
            return holder;
        }

        /** The fields after the tag, in order; running out is a corrupt record. */
        private static final class FieldReader implements HolderRecord.Reader {
            private final String[] fields;
            private final Map<String, Container> containers;
            private int next = 1;

            FieldReader(String[] fields, Map<String, Container> containers) {
                this.fields = fields;
                this.containers = containers;
            }

            private String field() {
                if (next >= fields.length) {
                    throw new IllegalArgumentException("'" + printable(fields[0]) + "' has too few fields ("
                            + (fields.length - 1) + ")");
                }
                return fields[next++];
            }

            @Override
            public int integer() {
                return Parse.integer(field());
            }

            @Override
            public boolean flag() {
                return Parse.flag(field());
            }

            @Override
            public String text() {
                return StateFields.unescape(field());
            }

            @Override
            public NamespaceId namespace() {
                return Parse.namespaceId(field());
            }

            @Override
            public ProcessInfo process() {
                String[] process = new String[7];
                for (int i = 0; i < process.length; i++) {
                    process[i] = field();
                }
                return Parse.process(process, 0, containers);
            }
        }

        /**
         * PID PPID START COMM COMMAND ENGINE CONTAINER_ID, starting at {@code from}; the container as
         * {@code named} has it, where a {@code container} line named it.
         */
        private static ProcessInfo process(String[] fields, int from, Map<String, Container> named) {
            Optional<Container> container;
            boolean noEngine = fields[from + 5].equals(StateFields.ABSENT);
            boolean noId = fields[from + 6].equals(StateFields.ABSENT);
            if (noEngine != noId) {
                throw new IllegalArgumentException("a container engine without an id, or the reverse");
            }
            if (noEngine) {
                container = Optional.empty();
            } else {
                Container found = new Container(StateFields.unescape(fields[from + 5]), StateFields.unescape(fields[from + 6]));
                container = Optional.of(named.getOrDefault(found.engine() + " " + found.id(), found));
            }
            return new ProcessInfo(integer(fields[from]), integer(fields[from + 1]), StateFields.unescape(fields[from + 3]),
                    StateFields.unescape(fields[from + 4]), number(fields[from + 2]), container);
        }

        private void end(String[] fields) {
            count(fields, 1);
            if (index != lines.length - 1) {
                throw new IllegalArgumentException("lines after the '" + StateFormat.END + "' line");
            }
            if (bootId == null) {
                throw new IllegalArgumentException("no boot line");
            }
            finishDraft();
            if (number(fields[1]) != namespaces.size()) {
                throw new IllegalArgumentException("the end line counts " + fields[1] + " namespaces, the file holds "
                        + namespaces.size());
            }
        }

        private void finishDraft() {
            if (draft != null) {
                namespaces.add(draft.build());
                draft = null;
            }
        }

        /** The field at {@code at}, unescaped, which must be the last one ({@code last}). */
        private static String text(String[] fields, int at, int last) {
            count(fields, last);
            return StateFields.unescape(fields[at]);
        }

        private static void count(String[] fields, int last) {
            if (fields.length != last + 1) {
                throw new IllegalArgumentException("'" + printable(fields[0]) + "' needs " + last + " fields, found "
                        + (fields.length - 1));
            }
        }

        private static NamespaceId namespaceId(String field) {
            Optional<NamespaceId> id = NamespaceId.parse(field);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("'" + printable(field) + "' is not a namespace id");
            }
            return id.get();
        }

        private static Optional<NamespaceId> optionalId(String field) {
            return field.equals(StateFields.ABSENT) ? Optional.empty() : Optional.of(namespaceId(field));
        }

        private static Optional<String> optionalText(String field) {
            return field.equals(StateFields.ABSENT) ? Optional.empty() : Optional.of(StateFields.unescape(field));
        }

        private static OptionalInt optionalInt(String field) {
            return field.equals(StateFields.ABSENT) ? OptionalInt.empty() : OptionalInt.of(integer(field));
        }

        private static boolean flag(String field) {
            return switch (field) {
                case "0" -> false;
                case "1" -> true;
                default -> throw new IllegalArgumentException("'" + printable(field) + "' is not 0 or 1");
            };
        }

        private static int integer(String field) {
            long value = number(field);
            if (value != (int) value) {
                throw new IllegalArgumentException("'" + field + "' is out of range");
            }
            return (int) value;
        }

        private static long number(String field) {
            if (!field.matches("-?[0-9]{1,19}")) {
                throw new IllegalArgumentException("'" + printable(field) + "' is not a number");
            }
            try {
                return Long.parseLong(field);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + field + "' is out of range");
            }
        }
    }

    private static final class Draft {
        final NamespaceId id;
        final Optional<NamespaceId> parent;
        final Optional<NamespaceId> owner;
        final OptionalInt ownerUid;
        final OptionalInt netnsId;
        OptionalLong nsId = OptionalLong.empty();
        final List<String> names = new ArrayList<>();
        final List<Holder> holders = new ArrayList<>();

        Draft(NamespaceId id, Optional<NamespaceId> parent, Optional<NamespaceId> owner, OptionalInt ownerUid,
                OptionalInt netnsId) {
            this.id = id;
            this.parent = parent;
            this.owner = owner;
            this.ownerUid = ownerUid;
            this.netnsId = netnsId;
        }

        Namespace build() {
            return new Namespace(id, false, holders, names, parent, owner, ownerUid, netnsId, nsId);
        }
    }
}
