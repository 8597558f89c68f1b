package io.github.iotdbtable.samples.sensors;

import io.github.iotdbtable.client.TableSessionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the service's database and table at startup when they are missing.
 */
@Component
@Order(0)
class SchemaInitializer implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(SchemaInitializer.class);

	private final ReadingRepository readings;

	private final TableSessionPool pool;

	SchemaInitializer(ReadingRepository readings, TableSessionPool pool) {
		this.readings = readings;
		this.pool = pool;
	}

	@Override
	public void run(ApplicationArguments args) {
		String database = this.pool.getConfig().getSessionConfig().getDatabase();
		if (database == null) {
			throw new IllegalStateException("set iotdb.table.database: the service keeps its table there");
		}
		this.readings.createSchema(database);
		logger.info("Table {}.readings is ready on {}", database,
				this.pool.getConfig().getSessionConfig().getNodeUrls());
	}

}
