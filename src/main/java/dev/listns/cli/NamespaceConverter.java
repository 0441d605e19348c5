package dev.listns.cli;

import dev.listns.model.NamespaceId;

/**
 * Parses the NAMESPACE argument: an inode number as lsns takes it, or a namespace as listns and the
 * kernel write it ({@code net:[4026532281]}), so a value copied from any row works.
 */
final class NamespaceConverter implements ValueConverter<Long> {
    @Override
    public Long convert(String value) {
        if (value.matches("[0-9]{1,19}")) {
            try {
                long inode = Long.parseLong(value);
                if (inode > 0) {
                    return inode;
                }
            } catch (NumberFormatException e) {
                // more than a long holds: no inode
            }
        }
        return NamespaceId.parse(value).map(NamespaceId::inode).orElseThrow(() -> new InvalidValueException(
                "'" + value + "' is not a namespace (an inode number like 4026532281, or net:[4026532281])"));
    }
}
