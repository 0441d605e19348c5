/**
 * Container names from the engines' own state on disk: podman (rootful and rootless), Docker, containerd
 * and its CRI plugin, CRI-O, LXC and systemd-nspawn. Each engine's reader says in its comment which files
 * and fields it reads and where that layout is defined. Loaded only when a scan finds a container, so a
 * host without one never loads this package or its JSON reader ({@link dev.listns.containers.JsonReader}).
 */
package dev.listns.containers;
