# Shared by the benchmarks: build Hoist when its sources are newer than the build (a stale build
# would measure yesterday's code), and for bench/seed and bench/search compile bench/src against it.
BENCH_CLASSES=target/bench-classes
BENCH_CP="$BENCH_CLASSES:target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"

build_hoist() {
  if [ ! -f target/quarkus-app/quarkus-run.jar ] \
      || [ -n "$(find pom.xml src/main migrations frontend -newer target/quarkus-app/quarkus-run.jar | head -1)" ]; then
    ./mvnw -B -q -DskipTests package
  fi
}

build_bench() {
  build_hoist
  mkdir -p "$BENCH_CLASSES"
  javac -nowarn -d "$BENCH_CLASSES" -cp "$BENCH_CP" bench/src/*.java
}
