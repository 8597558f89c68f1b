package io.github.iotdbtable.samples.sensors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web service that stores sensor readings in IoTDB's table model and answers questions
 * about them.
 */
@SpringBootApplication
public class SensorServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SensorServiceApplication.class, args);
	}

}
