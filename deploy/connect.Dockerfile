# Kafka Connect with the alert webhook sink in its plugin.path; used by docker-compose.yml (service connect).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl connectors -am package

FROM apache/kafka:4.4.0
COPY --from=build /src/connectors/target/alert-webhook-plugin/ /opt/connect-plugins/
COPY deploy/connect-distributed.properties /etc/connect/connect-distributed.properties
ENTRYPOINT ["/opt/kafka/bin/connect-distributed.sh", "/etc/connect/connect-distributed.properties"]
