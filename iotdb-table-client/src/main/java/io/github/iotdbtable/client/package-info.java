/**
 * A client for the Apache IoTDB table model:
 * {@link io.github.iotdbtable.client.TableSession} to run statements and insert
 * {@link io.github.iotdbtable.client.Tablet tablets},
 * {@link io.github.iotdbtable.client.SessionDataSet} to read query results,
 * {@link io.github.iotdbtable.client.TableSessionPool} to share sessions between threads.
 */
@NullMarked
package io.github.iotdbtable.client;

import org.jspecify.annotations.NullMarked;
