package dev.engram.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.jobs.JobJar;
import dev.engram.operators.metrics.EngramMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * There is no Docker engine or Kubernetes here, so docker/ is checked against the code instead:
 * every file parses, and images, ports, jar paths, the entry class, its arguments and the Flink
 * options agree with what the build produces and the CLI accepts.
 */
class DockerFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Pattern METRIC = Pattern.compile("flink_[a-z_]+_[a-z][A-Za-z]+");

    @Test
    void dockerfileBuildsOnTheFlinkVersionOfThePomAndCopiesWhatTheBuildWrites() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM flink:" + pomProperty("flink.version") + "-java17");
        assertThat(dockerfile).contains("COPY jobs/target/lib/ /opt/flink/lib/");
        assertThat(dockerfile).contains("COPY jobs/target/" + JobJar.NAME + " /opt/flink/usrlib/" + JobJar.NAME);
        assertThat(dockerfile).contains("jobs/target/flink-lib/flink-metrics-prometheus-" + pomProperty("flink.version") + ".jar");
        String jobsPom = Files.readString(ROOT.resolve("jobs/pom.xml"));
        assertThat(jobsPom).contains("${project.build.directory}/" + JobJar.NAME, "${project.build.directory}/lib",
                "${project.build.directory}/flink-lib", "<artifactId>flink-metrics-prometheus</artifactId>");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheJobJarWithArgumentsTheCliAcceptsAndPrometheusScrapesItsReporter() throws Exception {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("jobmanager", "taskmanager", "kafka", "prometheus", "grafana");
        Map<String, Object> jm = map(services.get("jobmanager"));
        List<String> command = Arrays.asList(((String) jm.get("command")).trim().split("\\s+"));
        assertThat(command.subList(0, 3)).containsExactly("standalone-job", "--job-classname", EngramCli.class.getName());
        assertCliAccepts(command.subList(3, command.size()));
        assertThat(map(services.get("taskmanager")).get("command")).isEqualTo("taskmanager");
        Map<String, Object> kafka = map(map(services.get("kafka")).get("environment"));
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller"); // KRaft, no ZooKeeper

        Map<String, String> flink = flinkProperties((String) map(jm.get("environment")).get("FLINK_PROPERTIES"));
        assertThat(flink).containsEntry("jobmanager.rpc.address", "jobmanager")
                .containsEntry("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(Class.forName(flink.get("metrics.reporter.prom.factory.class"), false, getClass().getClassLoader())).isNotNull();
        assertKnownFlinkOptions(flink);
        assertThat(flink.get("execution.checkpointing.dir")).startsWith("file:///engram/");
        assertThat((List<?>) jm.get("volumes")).anyMatch(v -> v.toString().endsWith(":/engram"));

        Map<String, Object> prometheus = yaml(DOCKER.resolve("prometheus.yml"));
        Map<String, Object> scrape = map(((List<?>) prometheus.get("scrape_configs")).get(0));
        Map<String, Object> sd = map(((List<?>) scrape.get("dns_sd_configs")).get(0));
        assertThat(sd.get("port").toString()).isEqualTo(flink.get("metrics.reporter.prom.port"));
        assertThat((List<Object>) sd.get("names")).containsExactlyInAnyOrder("jobmanager", "taskmanager");
        assertThat((List<?>) map(services.get("prometheus")).get("volumes")).anyMatch(v -> v.toString().startsWith("./prometheus.yml:"));
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardAndItsPanelsUseMetricsTheOperatorsRegister() throws IOException {
        Map<String, Object> datasource = map(((List<?>) yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml"))
                .get("datasources")).get(0));
        Map<String, Object> provider = map(((List<?>) yaml(DOCKER.resolve("grafana/provisioning/dashboards/engram.yaml"))
                .get("providers")).get(0));
        String dashboards = (String) map(provider.get("options")).get("path");
        List<?> grafanaVolumes = (List<?>) map(map(yaml(DOCKER.resolve("compose.yaml")).get("services")).get("grafana")).get("volumes");
        assertThat(grafanaVolumes).anyMatch(v -> v.toString().equals("./grafana/dashboards:" + dashboards + ":ro"));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");

        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/engram.json").toFile());
        java.util.Set<String> exported = new java.util.HashSet<>();
        for (EngramMetrics.Metric m : EngramMetrics.all()) exported.add(EngramMetrics.prometheusName(m));
        java.util.Set<String> used = new java.util.HashSet<>();
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(datasource.get("uid"));
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                assertThat(m.find()).as(target.toString()).isTrue();
                do {
                    assertThat(exported).as("panel '" + panel.path("title").asText() + "' names " + m.group()
                            + ", which is no metric the jobs export (EngramMetrics)").contains(m.group());
                    used.add(m.group());
                } while (m.find());
            }
        }
        // Every learner and camera metric has a panel; the operator- and source-wide ones are optional.
        for (EngramMetrics.Metric m : EngramMetrics.all()) {
            if (m.labels().isEmpty() || m == EngramMetrics.EVENTS_IN || m == EngramMetrics.FRAMES_IN) continue;
            assertThat(used).as("a panel for " + m.name()).contains(EngramMetrics.prometheusName(m));
        }
    }

    @Test
    void flinkDeploymentRunsTheImageJarAndEntryClassWithSavepointUpgradesAndSharedState() throws IOException {
        Map<String, Object> d = yaml(DOCKER.resolve("k8s/flink-deployment.yaml"));
        assertThat(d.get("kind")).isEqualTo("FlinkDeployment");
        Map<String, Object> spec = map(d.get("spec"));
        Map<String, Object> jm = map(map(map(yaml(DOCKER.resolve("compose.yaml")).get("services"))).get("jobmanager"));
        assertThat(spec.get("image")).isEqualTo(jm.get("image"));
        assertThat(spec.get("flinkVersion")).isEqualTo("v" + pomProperty("flink.version").replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2"));
        Map<String, Object> job = map(spec.get("job"));
        assertThat(job.get("jarURI")).isEqualTo("local:///opt/flink/usrlib/" + JobJar.NAME);
        assertThat(job.get("entryClass")).isEqualTo(EngramCli.class.getName());
        assertThat(job.get("upgradeMode")).isEqualTo("savepoint");
        List<String> args = new ArrayList<>();
        for (Object a : (List<?>) job.get("args")) args.add(a.toString());
        assertCliAccepts(args);
        Map<String, String> flink = new LinkedHashMap<>();
        map(spec.get("flinkConfiguration")).forEach((k, v) -> flink.put(k, v.toString()));
        assertKnownFlinkOptions(flink);
        assertThat(flink).containsKeys("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "high-availability.type", "high-availability.storageDir");
        Map<String, Object> claim = yaml(DOCKER.resolve("k8s/engram-state.yaml"));
        assertThat(map(claim.get("metadata")).get("name")).isEqualTo("engram-state");
        assertThat(Files.readString(DOCKER.resolve("k8s/flink-deployment.yaml"))).contains("claimName: engram-state", "mountPath: /engram");
    }

    /** Parses {@code args} with the real command tree: an unknown flag or bad value fails here. */
    private static void assertCliAccepts(List<String> args) {
        CommandLine.ParseResult parsed = new CommandLine(new EngramCli()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).isTrue();
    }

    /** Each key is a declared Flink option (a field of Flink's option classes) or a reporter's. */
    private static void assertKnownFlinkOptions(Map<String, String> options) {
        List<String> known = new ArrayList<>();
        for (Class<?> c : List.of(org.apache.flink.configuration.JobManagerOptions.class, org.apache.flink.configuration.TaskManagerOptions.class,
                org.apache.flink.configuration.CheckpointingOptions.class, org.apache.flink.configuration.HighAvailabilityOptions.class,
                org.apache.flink.configuration.CoreOptions.class, org.apache.flink.configuration.RestOptions.class,
                org.apache.flink.configuration.StateRecoveryOptions.class)) {
            for (var f : c.getFields()) {
                try {
                    if (f.get(null) instanceof org.apache.flink.configuration.ConfigOption<?> o) {
                        known.add(o.key());
                        o.fallbackKeys().forEach(k -> known.add(k.getKey()));
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        for (String key : options.keySet()) {
            if (key.startsWith("metrics.reporter.prom.")) continue;
            assertThat(known).as("Flink option " + key).contains(key);
        }
    }

    private static Map<String, String> flinkProperties(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            int colon = line.indexOf(':');
            out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return out;
    }

    private static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1).trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
