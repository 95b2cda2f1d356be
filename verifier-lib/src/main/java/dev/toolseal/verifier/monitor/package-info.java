/**
 * A transparency-log monitor: {@link dev.toolseal.verifier.monitor.LogMonitor} follows a
 * registry's log through its C2SP tiles, proves every new entry against the signed checkpoint and
 * its consistency with the last one stored, and reports entries of watched namespaces that were
 * not made with the expected keys ({@link dev.toolseal.verifier.monitor.WatchPolicy}). Tested
 * against the real registry by registry-service's {@code CliMonitorTest}.
 */
package dev.toolseal.verifier.monitor;
