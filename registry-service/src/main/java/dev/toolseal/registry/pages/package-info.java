/**
 * The registry's web pages for people, server-rendered with Qute ({@code templates/pages/}): the
 * server list with search ({@code /}), a server's versions, badge, publisher key, reviews with
 * their findings, tools (hidden characters spelled out by {@code VisibleText}) and the diff from
 * the previous version ({@code /servers/<ns>/<name>[/versions/<v>]}, {@code .../diff}), and the
 * log's checkpoint, recent entries and how to verify ({@code /transparency-log}). Pages read only
 * through the browse and log services, need no JavaScript, load nothing from other hosts (one
 * stylesheet from {@code /assets/}), and are served with a script-free Content-Security-Policy.
 * Examples: {@code PagesTest} (HTML), {@code PagesBrowserTest} (a real headless Chromium).
 */
package dev.toolseal.registry.pages;
