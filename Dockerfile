# Builds the Guardstream fat jar and runs it; used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests install

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 guardstream && mkdir -p /var/lib/guardstream && chown guardstream /var/lib/guardstream
COPY --from=build /src/cli/target/guardstream.jar /opt/guardstream/guardstream.jar
USER guardstream
ENTRYPOINT ["java", "-jar", "/opt/guardstream/guardstream.jar"]
