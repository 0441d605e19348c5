package dev.listns.cli;

/**
 * A command's one optional positional argument (listns's NAMESPACE), declared once as plain data like
 * its options ({@link OptionDeclaration}).
 *
 * @param paramLabel  its name in help
 * @param description the help text
 * @param valueType   the type of its value
 * @param converter   reads it
 * @param <T> its value; null when it is not given
 */
record PositionalDeclaration<T>(String paramLabel, String description, Class<T> valueType, ValueConverter<T> converter) {
}
