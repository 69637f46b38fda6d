package dev.hoist.platform;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the database itself (down, frozen, restarting, out of connections) from
 * every other error, so that only the first answers "temporarily unavailable" (503) and the
 * rest keep their handling. Looks through the whole cause chain: Hibernate, Narayana and Agroal
 * each wrap the driver's exception differently.
 */
public final class DatabaseOutage {

    /**
     * SQLSTATEs of an unreachable or unusable server: class 08 (connection exception) except
     * 08P01 (protocol violation, a bug rather than an outage), 57P01 admin shutdown, 57P02 crash
     * shutdown, 57P03 cannot connect now (starting up, recovering), 57014 query canceled
     * (statement_timeout), 53300 too many connections.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57014", "53300");

    private DatabaseOutage() {
    }

    /** True if {@code failure}, or anything it wraps, says the database cannot be used right now. */
    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && (isOutageState(sql) || isAcquisitionTimeout(sql)
                    || (sql.getNextException() != null && isCause(sql.getNextException())))) {
                return true;
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageState(SQLException e) {
        String state = e.getSQLState();
        return state != null && ((state.startsWith("08") && !state.equals("08P01")) || STATES.contains(state));
    }

    /** Agroal's "Acquisition timeout while waiting for new connection" carries no SQLSTATE. */
    private static boolean isAcquisitionTimeout(SQLException e) {
        return e.getSQLState() == null
                && (e.getCause() instanceof TimeoutException
                        || (e.getMessage() != null && e.getMessage().toLowerCase().contains("acquisition timeout")));
    }
}
