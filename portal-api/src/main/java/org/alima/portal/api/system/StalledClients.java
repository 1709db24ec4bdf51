package org.alima.portal.api.system;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import jakarta.inject.Singleton;

/**
 * Disconnects HTTP/1.1 clients that stall: one that stops sending in the middle of its request (a slow-loris attack
 * holds connections and buffers open by sending a header line now and then), or that stops reading an answer. It acts
 * on the idle events of Micronaut's {@code micronaut.server.read-idle-timeout} and {@code write-idle-timeout}, which
 * Micronaut itself only lets close a connection once it is idle both ways ({@code idle-timeout}). Thread-safe: one
 * handler per connection, used by its event loop only.
 *
 * <p>Not sending is fine while the server prepares an answer, and not being written to is fine while the client
 * uploads: a read stall counts only while a request is arriving or the connection waits for the next one, a write
 * stall only while an answer is being sent.
 */
@Singleton
final class StalledClients implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_IDLE_STATE) != null) {
                channel.pipeline()
                        .addAfter(
                                ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                                "portal-stalled-clients",
                                new Watch());
            }
        }
    }

    /** Follows the requests and answers of one connection and closes it on a stall that matters. */
    private static final class Watch extends ChannelDuplexHandler {

        private boolean receiving;
        private int awaitingAnswers;
        private boolean answering;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest) {
                receiving = true;
                awaitingAnswers++;
            }
            if (message instanceof LastHttpContent) {
                receiving = false;
            }
            context.fireChannelRead(message);
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // the caller's promise, passed on, carries the outcome
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof HttpResponse response && response.status().code() >= 200) {
                answering = true;
            }
            if (message instanceof LastHttpContent) {
                answering = false;
                awaitingAnswers = Math.max(0, awaitingAnswers - 1);
            }
            context.write(message, promise);
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // a stalled connection is closed; nothing waits for that to end
        public void userEventTriggered(ChannelHandlerContext context, Object event) {
            if (event instanceof IdleStateEvent idle) {
                boolean waitingForTheClient = receiving || (awaitingAnswers == 0 && !answering);
                if ((idle.state() == IdleState.READER_IDLE && waitingForTheClient)
                        || (idle.state() == IdleState.WRITER_IDLE && answering)) {
                    context.close();
                    return;
                }
            }
            context.fireUserEventTriggered(event);
        }
    }
}
