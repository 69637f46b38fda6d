package dev.hoist.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR range such as {@code 10.20.0.0/16} or {@code fd00::/8}. */
public record AddressRange(byte[] network, int prefix) {

    /** Parses {@code a.b.c.d/n} or {@code v6::/n}; a bare address is a range of one. */
    public static AddressRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            // Only literals: a name here would be resolved, which is not what a range means.
            throw new IllegalArgumentException("Not an address range: " + cidr);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Not an address range: " + cidr);
            }
            return new AddressRange(bytes, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not an address range: " + cidr, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int shift = bytes.length * 8 - prefix;
        return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }
}
