package dev.parley.server.ws;

import dev.parley.core.port.ConnectionRegistry;
import dev.parley.core.port.UpdateStream;
import dev.parley.core.service.AccountService;
import dev.parley.core.service.ChatService;
import dev.parley.core.service.ContactService;
import dev.parley.core.service.GroupService;
import dev.parley.core.service.PresenceService;
import dev.parley.core.service.TypingService;
import dev.parley.core.service.MessageService;
import dev.parley.core.service.ReceiptService;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.ServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What every WebSocket session needs, built once by the composition root. {@code storePages}: permits for
 * delivery pumps reading their backlog from the store (see {@link dev.parley.core.delivery.DeliveryPump}).
 */
public record SessionServices(AccountService accounts, ChatService chats, MessageService messages, GroupService groups,
                              PresenceService presence, ContactService contacts, TypingService typing,
                              dev.parley.core.service.RetentionService retention,
                              java.util.concurrent.atomic.AtomicLong connectionIds,
                              ReceiptService receipts, UpdateStream updates, ConnectionRegistry registry,
                              ViewMapper views, UpdateFrames frames, java.util.concurrent.Semaphore storePages, FrameCodec codec, ServerConfig.Ws config, ExecutorService workers,
                              MeterRegistry metrics, Clock clock) {
}
