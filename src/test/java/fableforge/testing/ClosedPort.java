package fableforge.testing;

/**
 * A loopback port nothing listens on, for tests of an unreachable provider. Not a port picked by binding
 * port 0 and closing it: with test classes running in parallel, another test's server can be given that
 * very port a moment later. Port 1 (tcpmux) is privileged and never served on a build machine, and the
 * suite binds only ports the kernel picks, so a connection there is refused at once.
 */
public final class ClosedPort {

    public static final int NUMBER = 1;

    private ClosedPort() {
    }
}
