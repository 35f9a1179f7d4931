package io.reco4j.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reco4j.io.AtomicFiles;
import io.reco4j.model.Model;
import io.reco4j.model.ModelFiles;
import io.reco4j.model.ModelHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of versioned model files and the record of which one is served.
 *
 * <pre>
 *   dir/registry.json          format, live version, next version number, every entry
 *   dir/models/v000001.reco    model files in the {@link ModelFiles} format
 *   dir/registry.lock          held (OS file lock) while a process has the registry open
 * </pre>
 *
 * <p><b>Atomicity.</b> Every change is one atomic rewrite of {@code registry.json}
 * ({@link AtomicFiles}: temp file, fsync, rename), so a reader or a restarted process sees the
 * registry before or after a change, never between. {@link #register} writes the model file first
 * (atomically too) and the registry second; {@link #promote} changes only the registry, which
 * names the live version, so a promotion is a single rename.
 *
 * <p><b>Crash recovery</b> ({@link #open}, also after {@code kill -9}): leftover temporary files
 * are deleted; an entry whose model file is missing, of the wrong size or (for the live one)
 * fails its checksum or does not load is marked {@code rejected} with the reason, and the most
 * recently promoted retired version with a sound file is served instead; a model file in
 * {@code models/} that the registry does not list (the process died between writing the file and
 * updating the registry) is adopted as a {@code candidate} when it loads, and deleted when it does
 * not. What recovery did is in {@link #recoveryLog()}.
 *
 * <p><b>One writer.</b> Changes are serialised by an in-process lock; across processes the
 * registry is held by an OS lock on {@code registry.lock} from {@link #open} to {@link #close},
 * so a second process opening the same directory fails with a message saying so. The OS releases
 * the lock when the holder dies. Reads ({@link #live}, {@link #list}) never block on a write.
 * Thread-safe.
 */
public final class ModelRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  /** The registry file's format version. */
  public static final int FORMAT = 1;
  private static final Pattern VERSION = Pattern.compile("v(\\d{6,})");
  private static final Pattern MODEL_FILE = Pattern.compile("v(\\d{6,})\\.reco");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final Path models;
  private final Path registryFile;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path lockKey;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final List<Consumer<LiveModel>> listeners = new CopyOnWriteArrayList<>();
  private final List<String> recoveryLog = new ArrayList<>();
  private volatile State state;
  private volatile LiveModel live;
  private volatile boolean closed;

  /** The registry content: immutable snapshot. */
  private record State(String live, int nextVersion, List<ModelVersion> versions) {}

  private ModelRegistry(Path dir, FileChannel lockChannel, FileLock lock, Path lockKey) {
    this.dir = dir;
    this.models = dir.resolve("models");
    this.registryFile = dir.resolve("registry.json");
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.lockKey = lockKey;
  }

  /**
   * Opens (creating when absent) the registry in {@code dir}, recovers from any crash (see the
   * class comment) and loads the live model, if there is one.
   *
   * @throws RegistryException when another process (or another instance in this JVM) holds the
   *     registry, or {@code registry.json} is unreadable
   */
  public static ModelRegistry open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Files.createDirectories(abs.resolve("models"));
    Path lockFile = abs.resolve("registry.lock");
    if (!OPEN_IN_THIS_JVM.add(abs)) {
      throw new RegistryException("registry " + abs + " is already open in this process");
    }
    FileChannel ch = null;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        throw new RegistryException("registry " + abs + " is held by another process ("
            + lockFile + " is locked)");
      }
      ModelRegistry r = new ModelRegistry(abs, ch, l, abs);
      r.recover();
      return r;
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      OPEN_IN_THIS_JVM.remove(abs);
      throw e;
    }
  }

  /** The registry directory. */
  public Path directory() {
    return dir;
  }

  /** The live version and its loaded model, or empty before the first promotion. */
  public Optional<LiveModel> live() {
    return Optional.ofNullable(live);
  }

  /** Every entry, oldest first. */
  public List<ModelVersion> list() {
    return state.versions();
  }

  /** The entry of {@code version}. */
  public Optional<ModelVersion> get(String version) {
    for (ModelVersion v : state.versions()) {
      if (v.version().equals(version)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The model file of {@code version} (whether or not it exists). */
  public Path file(String version) {
    parseVersion(version);
    return models.resolve(version + ".reco");
  }

  /** Loads the model of any registered version (checksum verified). */
  public Model load(String version) throws IOException {
    ModelVersion v = get(version).orElseThrow(() -> new UnknownVersionException(version));
    return loadVerified(v);
  }

  /** What {@link #open} repaired, one line per action; empty after a clean shutdown. */
  public List<String> recoveryLog() {
    synchronized (recoveryLog) {
      return List.copyOf(recoveryLog);
    }
  }

  /**
   * Calls {@code listener} after every promotion (and immediately when a model is live already),
   * in the promoting thread. A listener that throws is logged and does not undo the promotion.
   */
  public void onPromote(Consumer<LiveModel> listener) {
    listeners.add(listener);
    LiveModel l = live;
    if (l != null) {
      notifyOne(listener, l);
    }
  }

  /**
   * Writes {@code model} as the next version, status {@code candidate}.
   *
   * @return the new version, e.g. {@code v000004}
   */
  public String register(Model model, Registration info) throws IOException {
    writeLock.lock();
    try {
      checkOpen();
      State s = state;
      String version = versionName(s.nextVersion());
      Path file = file(version);
      ModelFiles.save(model, file); // atomic; a crash before the registry write leaves an orphan
      String sha = sha256(file);
      ModelVersion entry = new ModelVersion(version, model.algorithm(),
          model.provenance().configJson(), Instant.now(), ModelStatus.CANDIDATE, null,
          info.metrics(), model.provenance().oneLine(), info.trainedOnEvents(),
          model.provenance().data().toString(), sha, info.reason(), info.baseData());
      List<ModelVersion> vs = new ArrayList<>(s.versions());
      vs.add(entry);
      write(new State(s.live(), s.nextVersion() + 1, List.copyOf(vs)));
      LOG.info("registered {} ({})", version, model.algorithm());
      return version;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Makes {@code version} live: loads and verifies its file first, then one atomic registry
   * write marks it live and the previous live version retired, then listeners are told. Promoting
   * the live version again is a no-op that returns it.
   *
   * @throws UnknownVersionException when no entry has this version
   * @throws RegistryException when its file is missing or corrupt (the live version stays)
   */
  public LiveModel promote(String version) throws IOException {
    LiveModel now;
    writeLock.lock();
    try {
      checkOpen();
      State s = state;
      ModelVersion target = get(version).orElseThrow(() -> new UnknownVersionException(version));
      if (target.status() == ModelStatus.LIVE && live != null) {
        return live;
      }
      Model model;
      try {
        model = loadVerified(target);
      } catch (IOException | RuntimeException e) {
        throw new RegistryException("cannot promote " + version + ": " + e.getMessage(), e);
      }
      Instant at = Instant.now();
      List<ModelVersion> vs = new ArrayList<>();
      ModelVersion promoted = null;
      for (ModelVersion v : s.versions()) {
        if (v.version().equals(version)) {
          promoted = v.with(ModelStatus.LIVE, at, v.reason());
          vs.add(promoted);
        } else if (v.status() == ModelStatus.LIVE) {
          vs.add(v.with(ModelStatus.RETIRED, v.promotedAt(), v.reason()));
        } else {
          vs.add(v);
        }
      }
      write(new State(version, s.nextVersion(), List.copyOf(vs)));
      now = new LiveModel(promoted, model);
      live = now;
      LOG.info("promoted {} ({})", version, target.algorithm());
    } finally {
      writeLock.unlock();
    }
    for (Consumer<LiveModel> l : listeners) {
      notifyOne(l, now);
    }
    return now;
  }

  /**
   * Marks a candidate rejected with a reason (a live version cannot be rejected: promote another
   * first).
   */
  public ModelVersion reject(String version, String reason) throws IOException {
    writeLock.lock();
    try {
      checkOpen();
      State s = state;
      ModelVersion target = get(version).orElseThrow(() -> new UnknownVersionException(version));
      if (target.status() == ModelStatus.LIVE) {
        throw new RegistryException("cannot reject the live version " + version);
      }
      ModelVersion changed = target.with(ModelStatus.REJECTED, target.promotedAt(), reason);
      write(new State(s.live(), s.nextVersion(), replace(s.versions(), changed)));
      return changed;
    } finally {
      writeLock.unlock();
    }
  }

  /** Releases the registry (the lock file); the live model stays usable by whoever holds it. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        lock.release();
      } finally {
        lockChannel.close();
        OPEN_IN_THIS_JVM.remove(lockKey);
      }
    } finally {
      writeLock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("registry " + dir + " is closed");
    }
  }

  private void notifyOne(Consumer<LiveModel> l, LiveModel m) {
    try {
      l.accept(m);
    } catch (RuntimeException e) {
      LOG.error("promotion listener failed for {}", m.version().version(), e);
    }
  }

  private void note(String line) {
    LOG.warn("registry recovery: {}", line);
    synchronized (recoveryLog) {
      recoveryLog.add(line);
    }
  }

  private void recover() throws IOException {
    deleteTemps(dir);
    deleteTemps(models);
    State s = Files.exists(registryFile) ? read() : new State(null, 1, List.of());
    boolean dirty = !Files.exists(registryFile);
    List<ModelVersion> vs = new ArrayList<>(s.versions());
    // 1. entries whose file is gone or of the wrong size
    for (int k = 0; k < vs.size(); k++) {
      ModelVersion v = vs.get(k);
      if (v.status() == ModelStatus.REJECTED && v.reason() != null
          && v.reason().startsWith("model file")) {
        continue;
      }
      String problem = fileProblem(v, false);
      if (problem != null) {
        vs.set(k, v.with(ModelStatus.REJECTED, v.promotedAt(), problem));
        note(v.version() + ": " + problem + "; marked rejected");
        dirty = true;
      }
    }
    // 2. orphan model files: written, but the registry was not updated
    int next = s.nextVersion();
    Set<String> known = new java.util.HashSet<>();
    for (ModelVersion v : vs) {
      known.add(v.version());
      next = Math.max(next, v.number() + 1);
    }
    List<Path> orphans = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(models)) {
      for (Path p : ds) {
        Matcher m = MODEL_FILE.matcher(p.getFileName().toString());
        if (m.matches() && !known.contains("v" + m.group(1))) {
          orphans.add(p);
        }
      }
    }
    orphans.sort(Comparator.comparing(Path::toString));
    for (Path p : orphans) {
      String version = p.getFileName().toString().replace(".reco", "");
      next = Math.max(next, parseVersion(version) + 1);
      try {
        ModelHeader h = ModelFiles.readHeader(p);
        vs.add(new ModelVersion(version, h.algorithm(), h.provenance().configJson(),
            Files.getLastModifiedTime(p).toInstant(), ModelStatus.CANDIDATE, null,
            h.provenance().metrics(), h.provenance().oneLine(), -1,
            h.provenance().data().toString(), sha256(p),
            "adopted at recovery: the file was written but the registry was not updated", null));
        note(version + ": model file not in the registry; adopted as candidate");
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(p);
        note(version + ": unreadable model file not in the registry (" + e.getMessage()
            + "); deleted");
      }
      dirty = true;
    }
    vs.sort(Comparator.comparingInt(ModelVersion::number));
    // 3. the live model: load it, or fall back to the most recently promoted sound version
    String liveVersion = s.live();
    LiveModel loaded = null;
    while (true) {
      ModelVersion candidate = null;
      if (liveVersion != null) {
        for (ModelVersion v : vs) {
          if (v.version().equals(liveVersion) && v.status() != ModelStatus.REJECTED) {
            candidate = v;
          }
        }
      }
      if (candidate == null) {
        candidate = vs.stream()
            .filter(v -> v.status() == ModelStatus.RETIRED || v.status() == ModelStatus.LIVE)
            .filter(v -> v.promotedAt() != null)
            .max(Comparator.comparing(ModelVersion::promotedAt))
            .orElse(null);
        if (candidate != null && liveVersion != null) {
          note("live version " + liveVersion + " unusable; serving " + candidate.version()
              + " (the previous live version)");
        }
      }
      if (candidate == null) {
        if (liveVersion != null) {
          note("live version " + liveVersion + " unusable and no earlier live version; "
              + "nothing is served until a promotion");
        }
        liveVersion = null;
        break;
      }
      try {
        Model m = loadVerified(candidate);
        ModelVersion asLive = candidate.status() == ModelStatus.LIVE ? candidate
            : candidate.with(ModelStatus.LIVE, candidate.promotedAt(), candidate.reason());
        loaded = new LiveModel(asLive, m);
        if (asLive != candidate) {
          vs = new ArrayList<>(replace(vs, asLive));
          dirty = true;
        }
        liveVersion = candidate.version();
        break;
      } catch (IOException | RuntimeException e) {
        String problem = "model file corrupt: " + e.getMessage();
        vs = new ArrayList<>(replace(vs, candidate.with(ModelStatus.REJECTED,
            candidate.promotedAt(), problem)));
        note(candidate.version() + ": " + problem + "; marked rejected");
        liveVersion = null;
        dirty = true;
      }
    }
    // exactly the live version has status live
    for (int k = 0; k < vs.size(); k++) {
      ModelVersion v = vs.get(k);
      if (v.status() == ModelStatus.LIVE && !v.version().equals(liveVersion)) {
        vs.set(k, v.with(ModelStatus.RETIRED, v.promotedAt(), v.reason()));
        dirty = true;
      }
    }
    State fixed = new State(liveVersion, next, List.copyOf(vs));
    if (dirty || !java.util.Objects.equals(fixed.live(), s.live())
        || fixed.nextVersion() != s.nextVersion()) {
      write(fixed);
    } else {
      state = fixed;
    }
    live = loaded;
  }

  /** Null when the file looks sound: present, and (when {@code full}) of the recorded checksum. */
  private String fileProblem(ModelVersion v, boolean full) throws IOException {
    Path p = file(v.version());
    if (!Files.isRegularFile(p)) {
      return "model file missing (" + p.getFileName() + ")";
    }
    if (full && v.sha256() != null && !v.sha256().equals(sha256(p))) {
      return "model file corrupt (checksum mismatch)";
    }
    return null;
  }

  private Model loadVerified(ModelVersion v) throws IOException {
    String problem = fileProblem(v, true);
    if (problem != null) {
      throw new RegistryException(v.version() + ": " + problem);
    }
    return ModelFiles.load(file(v.version()));
  }

  private static List<ModelVersion> replace(List<ModelVersion> vs, ModelVersion changed) {
    List<ModelVersion> out = new ArrayList<>(vs.size());
    for (ModelVersion v : vs) {
      out.add(v.version().equals(changed.version()) ? changed : v);
    }
    return List.copyOf(out);
  }

  private void deleteTemps(Path d) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, ".*.tmp")) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
        note("deleted the leftover temporary file " + dir.relativize(p));
      }
    } catch (NoSuchFileException e) {
      // nothing to clean
    }
  }

  static String versionName(int n) {
    return String.format(java.util.Locale.ROOT, "v%06d", n);
  }

  /** The number of a version name; rejects anything not of the form {@code v000001}. */
  static int parseVersion(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version);
    if (!m.matches()) {
      throw new UnknownVersionException(version);
    }
    return Integer.parseInt(m.group(1));
  }

  static String sha256(Path p) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(p)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  // ------------------------------------------------------------------- registry.json read/write

  private void write(State s) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    if (s.live() == null) {
      root.putNull("live");
    } else {
      root.put("live", s.live());
    }
    root.put("nextVersion", s.nextVersion());
    ArrayNode arr = root.putArray("versions");
    for (ModelVersion v : s.versions()) {
      ObjectNode o = arr.addObject();
      o.put("version", v.version());
      o.put("algorithm", v.algorithm());
      o.set("params", parseParams(v.paramsJson(), v.version()));
      o.put("createdAt", v.createdAt().toString());
      o.put("status", v.status().wireName());
      o.put("promotedAt", v.promotedAt() == null ? null : v.promotedAt().toString());
      ObjectNode m = o.putObject("metrics");
      v.metrics().forEach(m::put);
      o.put("provenance", v.provenance());
      o.put("trainedOnEvents", v.trainedOnEvents());
      o.put("dataFingerprint", v.dataFingerprint());
      o.put("sha256", v.sha256());
      o.put("reason", v.reason());
      o.put("baseData", v.baseData());
    }
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    AtomicFiles.write(registryFile, out -> out.write(bytes));
    state = s;
  }

  private static JsonNode parseParams(String json, String version) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new RegistryException(version + ": params are not JSON: " + e.getMessage(), e);
    }
  }

  private State read() throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(registryFile.toFile());
    } catch (IOException e) {
      throw new RegistryException(registryFile + ": not valid JSON: " + e.getMessage(), e);
    }
    int format = need(root, "format", "").asInt();
    if (format != FORMAT) {
      throw new RegistryException(registryFile + ": format " + format + ", this code reads "
          + FORMAT);
    }
    String liveV = root.path("live").isTextual() ? root.get("live").asText() : null;
    int next = need(root, "nextVersion", "").asInt();
    List<ModelVersion> vs = new ArrayList<>();
    JsonNode arr = need(root, "versions", "");
    for (int k = 0; k < arr.size(); k++) {
      JsonNode o = arr.get(k);
      String at = "versions[" + k + "].";
      try {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metrics").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          metrics.put(e.getKey(), e.getValue().asDouble());
        }
        vs.add(new ModelVersion(need(o, "version", at).asText(), need(o, "algorithm", at).asText(),
            o.path("params").toString(), Instant.parse(need(o, "createdAt", at).asText()),
            ModelStatus.parse(need(o, "status", at).asText()),
            o.path("promotedAt").isTextual() ? Instant.parse(o.get("promotedAt").asText()) : null,
            metrics, o.path("provenance").asText(null), o.path("trainedOnEvents").asLong(-1),
            o.path("dataFingerprint").asText(null), o.path("sha256").asText(null),
            o.path("reason").asText(null), o.path("baseData").asText(null)));
      } catch (RuntimeException e) {
        throw new RegistryException(registryFile + ": " + at + " " + e.getMessage(), e);
      }
    }
    return new State(liveV, next, List.copyOf(vs));
  }

  private JsonNode need(JsonNode o, String field, String at) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new RegistryException(registryFile + ": " + at + field + " is missing");
    }
    return n;
  }
}
