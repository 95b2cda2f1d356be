package dev.toolseal.tlog.postgres;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import java.sql.SQLException;
import java.time.Duration;

/** An Agroal connection pool (the pool Quarkus uses) for a JDBC URL, user {@code postgres}. */
public final class PooledDataSource {
  private PooledDataSource() {}

  public static AgroalDataSource open(String jdbcUrl, int maxSize) {
    AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
        .connectionPoolConfiguration(pool -> pool
            .maxSize(maxSize)
            .acquisitionTimeout(Duration.ofSeconds(30))
            .connectionFactoryConfiguration(factory -> factory
                .jdbcUrl(jdbcUrl)
                .principal(new NamePrincipal("postgres"))));
    try {
      return AgroalDataSource.from(config);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open a pool for " + jdbcUrl, e);
    }
  }
}
