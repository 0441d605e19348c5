/**
 * Debug messages for {@code --debug}: one small interface that the command line wires to stderr and
 * hands to the scanner and the native loader, instead of a logging framework and its global settings.
 */
package dev.listns.debug;
