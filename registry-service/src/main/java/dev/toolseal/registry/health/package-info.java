/**
 * Health checks beyond the datasource's own: {@code /q/health/ready} is UP only when the database
 * answers and the transparency log engine runs. Example: {@code HealthAndDocsTest}.
 */
package dev.toolseal.registry.health;
