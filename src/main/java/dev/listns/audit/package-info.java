/**
 * {@code listns audit}: what appeared and what disappeared since the last run, for cron.
 *
 * <h2>When a namespace is "the same" across runs</h2>
 * The kernel hands out namespace inodes again soon after a namespace dies, so an equal
 * {@code net:[4026532281]} in two runs does not mean one namespace lived on. A namespace in the new
 * scan continues a recorded one only if all of these hold:
 * <ol>
 * <li>the boot id is the one recorded (after a reboot, every recorded namespace disappeared and
 *     every current one appeared: inodes, PIDs and start times all start over);</li>
 * <li>type and inode are equal;</li>
 * <li>where both runs have the kernel's id of the namespace ({@code ns_id}, {@code NS_GET_ID}, Linux
 *     6.18; {@code NS_GET_MNTNS_ID} for mount namespaces from 6.11; never handed out again within a boot): the ids are equal, and nothing else counts, so a
 *     namespace whose every holder was replaced still continues, and one that reuses an inode never
 *     does. Where either run lacks it (an older kernel, a state written by an older listns, a
 *     namespace listns could not open), instead:</li>
 * <li>at least one recorded holder is still there, recognised by numbers the kernel does not reuse
 *     in combination:
 *   <ul>
 *   <li>a process, thread, {@code *_for_children} link, open fd or socket: the same PID and the same
 *       process start time (clock ticks after boot, from {@code /proc/PID/stat}; a reused PID has a
 *       later one), for a thread also the same TID, for an fd or socket also the same fd number;</li>
 *   <li>a bind mount: the same mount id and the same path (a bind mount whose mount id is unknown
 *       proves nothing);</li>
 *   <li>a child namespace (of a user or PID namespace) or an owned namespace (of a user namespace):
 *       the same referenced namespace id, and that namespace itself continues by this rule. Chains
 *       of any length are followed, starting from namespaces proven by the holders above.</li>
 *   <li>held by the kernel (no holder listns can see): proves nothing.</li>
 *   </ul></li>
 * </ol>
 * Otherwise the recorded namespace disappeared and the scanned one appeared, even with the same
 * inode. Only the holders recorded by the last run count: if every holder of a namespace was
 * replaced between two runs (its only process exec'd a new one under a new PID and exited), it is
 * reported as disappeared and appeared. Holders that come and go while another one stays do not
 * matter. Only non-initial namespaces are audited.
 *
 * <h2>Ignore rules</h2>
 * See {@link dev.listns.audit.IgnoreRulesParser}. Rules filter only what is reported: the state
 * always records every non-initial namespace, so changing the rules never by itself makes anything
 * appear or disappear.
 *
 * <h2>State file</h2>
 * See {@link dev.listns.audit.StateFormat} for the format and {@link dev.listns.audit.StateStore} for
 * the refusals and the lock.
 */
package dev.listns.audit;
