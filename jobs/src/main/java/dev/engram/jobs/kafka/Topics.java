package dev.engram.jobs.kafka;

import dev.engram.connectors.kafka.KafkaEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics before they are first written. A topic that an idempotent producer creates by
 * writing to it can answer its first batches with "not leader" and then refuse the retries as out of
 * order; creating it first (broker-default partitions and replication) avoids that.
 */
public final class Topics {
    private Topics() {}

    public static void ensure(KafkaEndpoint endpoint, String... topics) {
        try (Admin admin = Admin.create(endpoint.clientProperties(Map.of("request.timeout.ms", "15000", "default.api.timeout.ms", "30000")))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) if (!existing.contains(t)) missing.add(new NewTopic(t, Optional.empty(), Optional.empty()));
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (NewTopic t : missing) {
                while (!led(admin, t.name())) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("topic " + t.name() + " has no leader after 30 s");
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics at " + endpoint.bootstrap(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot create topics " + String.join(", ", topics) + " at " + endpoint.bootstrap() + ": " + cause, e);
        }
    }

    /**
     * Whether every partition of a just-created topic has a leader that serves it. Right after creation
     * the metadata may not know the topic yet (UnknownTopicOrPartition), or name a leader that does not
     * serve the partition yet (NotLeaderOrFollower: a producer's first batch failing so made its retries
     * fail as out of order, forever, on a loaded machine); asking each leader for the partition's latest
     * offset answers only once it serves it.
     */
    private static boolean led(Admin admin, String topic) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
            if (partitions.stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) return false;
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var p : partitions) latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) return false;
            throw e;
        }
    }
}
