package io.github.iotdbtable.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@link IoTDBConnectionDetails} read from {@link IoTDBTableProperties}.
 */
final class PropertiesIoTDBConnectionDetails implements IoTDBConnectionDetails {

	private final IoTDBTableProperties properties;

	PropertiesIoTDBConnectionDetails(IoTDBTableProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<String> getNodeUrls() {
		return this.properties.getNodeUrls();
	}

	@Override
	public String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public @Nullable String getDatabase() {
		return this.properties.getDatabase();
	}

	@Override
	public String toString() {
		return "PropertiesIoTDBConnectionDetails{nodeUrls=" + getNodeUrls() + ", username=" + getUsername() + "}";
	}

}
