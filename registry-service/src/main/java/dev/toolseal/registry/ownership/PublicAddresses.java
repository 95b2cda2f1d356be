package dev.toolseal.registry.ownership;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses the registry may fetch a well-known file from: not loopback, private, link-local,
 * shared (100.64/10), multicast, unspecified or reserved, so a binding cannot make the registry
 * probe its own network.
 */
final class PublicAddresses {

    private PublicAddresses() {
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && first < 224 && !(first == 100 && (second & 0xc0) == 64)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && !(first == 198 && (second & 0xfe) == 18);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            // fc00::/7 unique local; fec0::/10 site-local is caught above
            return (first & 0xfe) != 0xfc;
        }
        return false;
    }
}
