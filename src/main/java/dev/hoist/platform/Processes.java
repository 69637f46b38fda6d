package dev.hoist.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The state of a process that is not our child, as the kernel reports it. */
final class Processes {

    /** The process has exited (or is a zombie that its parent has not reaped yet). */
    static final char GONE = 'X';

    private Processes() {
    }

    /**
     * Linux' state letter from /proc (R, S, D, T stopped, …), or {@link #GONE}. A zombie counts as
     * gone: the postmaster is not our child, and whoever adopted it may never reap it. Elsewhere
     * only alive ('R') or gone is known. A pid that now runs another command than {@code command}
     * was reused: the process is gone.
     */
    static char state(long pid, String command) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String line = Files.readString(stat);
                // "pid (command) S …": the command may contain spaces and parentheses; the state follows the last ')'.
                int end = line.lastIndexOf(')');
                if (!line.substring(line.indexOf('(') + 1, end).equals(command)) {
                    return GONE; // the pid now belongs to another program
                }
                char state = line.charAt(end + 2);
                return state == 'Z' || state == 'X' ? GONE : state;
            } catch (IOException | IndexOutOfBoundsException e) {
                return GONE;
            }
        }
        return ProcessHandle.of(pid).map(p -> p.isAlive() ? 'R' : GONE).orElse(GONE);
    }

    /**
     * How many processes are attached to the System V shared memory segment named by the
     * "key shmid" line of a postmaster.pid (0 if it is gone, or where /proc/sysvipc is missing).
     */
    static int sharedMemoryAttachments(String keyAndId) throws IOException {
        String[] ids = keyAndId.trim().split("\\s+");
        Path table = Path.of("/proc/sysvipc/shm");
        if (ids.length < 2 || !Files.isReadable(table)) {
            return 0;
        }
        for (String line : Files.readAllLines(table)) {
            String[] columns = line.trim().split("\\s+");
            // key shmid perms size cpid lpid nattch …
            if (columns.length > 6 && columns[1].equals(ids[1])) {
                return Integer.parseInt(columns[6]);
            }
        }
        return 0;
    }
}
