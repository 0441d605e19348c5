/**
 * Files listns writes or reads outside {@code /proc}, where other users may have planted links,
 * hard links or FIFOs: the audit state, its lock and ignore file, {@code --output-file FILE}, the host's
 * {@code /etc/passwd} for user names. A directory is used
 * only if no other user can change it ({@link dev.listns.files.TrustedDirectory}), files in it only
 * if they are what they should be ({@link dev.listns.files.TrustedFile}), and a file is replaced only
 * atomically ({@link dev.listns.files.AtomicFile}). See SECURITY.md.
 */
package dev.listns.files;
