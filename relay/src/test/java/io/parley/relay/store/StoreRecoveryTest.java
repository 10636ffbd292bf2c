package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay of journal files laid out by hand as an online compaction leaves them: a snapshot
 * that overlaps the log segment written while it was taken.
 */
class StoreRecoveryTest {
  @TempDir
  Path dir;
  private StoreFiles files;
  private final byte[] rid = filled(1);

  @BeforeEach
  void queueLogWithOneQueue() throws Exception {
    files = new StoreFiles(dir);
    QueueRecord q = new QueueRecord(rid, filled(2), filled(3), filled(4), null,
        QueueMode.MESSAGING, QueueStatus.ACTIVE);
    SnapshotWriter.writeQueueLog(files, ChannelOpener.FILES, List.of(new QueueState(q)));
  }

  private static byte[] filled(int b) {
    byte[] id = new byte[24];
    Arrays.fill(id, (byte) b);
    return id;
  }

  private static QueuedMessage message(long seq) {
    byte[] body = ("s" + seq).getBytes(StandardCharsets.UTF_8);
    return new QueuedMessage(seq, new StoredMessage(filled(100 + (int) seq), seq, false, false,
        body));
  }

  private ByteBuffer append(long seq) {
    return JournalCodec.append(rid, message(seq));
  }

  private ByteBuffer remove(long seq) {
    return JournalCodec.remove(rid, seq);
  }

  private void segment(long number, char kind, ByteBuffer... frames) throws Exception {
    FileHeader h = new FileHeader(FileHeader.JOURNAL_MAGIC, kind, 0);
    try (AppendOnlyFile f = AppendOnlyFile.create(ChannelOpener.FILES, files.segment(number), h)) {
      f.write(frames, 0, frames.length);
    }
  }

  private List<Long> recoveredSeqs(StoreRecovery.Result r) {
    List<Long> seqs = new ArrayList<>();
    for (QueueState s : r.state().queues()) {
      s.messages().forEach(m -> seqs.add(m.seq()));
    }
    return seqs;
  }

  @Test
  void snapshotOverlappingTheNextLogSegmentYieldsEachMessageOnceInOrder() throws Exception {
    segment(1, FileHeader.KIND_LOG, append(1), append(2), remove(1));
    segment(2, FileHeader.KIND_SNAPSHOT, append(2), append(3));
    segment(3, FileHeader.KIND_LOG, append(3), remove(2), append(4));

    StoreRecovery.Result r = StoreRecovery.recover(files);
    assertEquals(List.of(3L, 4L), recoveredSeqs(r));
    assertEquals(5, r.state().nextSeq());
    assertEquals(3, r.lastSegment());
  }

  @Test
  void messageAppendedAndRemovedAroundTheSnapshotStaysRemoved() throws Exception {
    segment(4, FileHeader.KIND_SNAPSHOT);
    segment(5, FileHeader.KIND_LOG, append(5), remove(5), append(6));

    assertEquals(List.of(6L), recoveredSeqs(StoreRecovery.recover(files)));
  }

  @Test
  void segmentsOlderThanTheLastSnapshotAreNotReplayed() throws Exception {
    segment(1, FileHeader.KIND_LOG, append(1), append(2));
    segment(2, FileHeader.KIND_SNAPSHOT, append(2));

    assertEquals(List.of(2L), recoveredSeqs(StoreRecovery.recover(files)));
  }

  @Test
  void messagesOfAQueueTheQueueLogDoesNotKnowAreDropped() throws Exception {
    QueuedMessage stray = message(7);
    segment(1, FileHeader.KIND_LOG, JournalCodec.append(filled(9), stray), append(8));

    StoreRecovery.Result r = StoreRecovery.recover(files);
    assertEquals(List.of(8L), recoveredSeqs(r));
    assertEquals(9, r.state().nextSeq());
  }

  @Test
  void storeOpenedOverTheOverlapDeliversTheRecoveredMessagesAndNumbersNewOnesHigher()
      throws Exception {
    segment(2, FileHeader.KIND_SNAPSHOT, append(2), append(3));
    segment(3, FileHeader.KIND_LOG, append(3), remove(2), append(4));

    JournalRelayStore s = StoreTestSupport.open(dir);
    assertEquals("s3", RelayStoreContractTest.text(s.peek(rid).orElseThrow()));
    RelayStoreContractTest.take(s, new QueueRecord(rid, null, null, null, null, null, null));
    assertEquals("s4", RelayStoreContractTest.text(s.peek(rid).orElseThrow()));
    s.append(rid, false, "new".getBytes(StandardCharsets.UTF_8), 9).get();
    s.close();

    StoreRecovery.Result r = StoreRecovery.recover(files);
    List<Long> seqs = recoveredSeqs(r);
    assertEquals(2, seqs.size());
    assertEquals(4L, seqs.get(0));
    assertTrue(seqs.get(1) >= 5, "new message numbered " + seqs.get(1));
  }
}
