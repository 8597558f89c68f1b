package io.github.iotdbtable.spring.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application configures no {@code iotdb.table.node-urls}.
 */
final class NoNodeUrlsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind("iotdb.table.node-urls", Bindable.listOf(String.class))
			.map((urls) -> !urls.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.noMatch("iotdb.table.node-urls is set")
				: ConditionOutcome.match("iotdb.table.node-urls is not set");
	}

}
