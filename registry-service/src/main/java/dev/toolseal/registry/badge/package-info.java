/**
 * Shields-style SVG status badges of releases ({@code GET /v1/badges/<ns>/<name>[/<version>].svg}):
 * signed, reviewed by an assessor, review failed, yanked, or mismatch when a refused overwrite of
 * the version was recorded. Example: {@code BadgeTest}.
 */
package dev.toolseal.registry.badge;
