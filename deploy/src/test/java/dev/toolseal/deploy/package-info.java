/**
 * Checks of the deployment files in {@code deploy/}: every file parses, images are pinned and
 * known, environment variables name real registry properties, Secret and ConfigMap keys exist,
 * probes hit real health paths, referenced files exist, the proxy caches no longer than the
 * registry allows. {@link dev.toolseal.deploy.DeployCheck} runs them all and returns
 * {@link dev.toolseal.deploy.Finding}s; {@code SeededMistakesTest} shows one broken copy per rule.
 */
package dev.toolseal.deploy;
