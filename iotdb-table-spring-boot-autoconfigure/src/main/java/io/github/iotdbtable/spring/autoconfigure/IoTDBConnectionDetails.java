package io.github.iotdbtable.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom to connect to IoTDB. Defined from {@code iotdb.table.*} unless
 * another bean provides it, such as test tooling pointing at a server it started.
 *
 * @since 0.1.0
 */
public interface IoTDBConnectionDetails extends ConnectionDetails {

	/** The DataNode client endpoints, {@code host:port} each. */
	List<String> getNodeUrls();

	String getUsername();

	String getPassword();

	/** The database sessions use, or {@code null} for none. */
	default @Nullable String getDatabase() {
		return null;
	}

}
