package dev.shopflow.inventory.reservation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.InventoryCommand;
import dev.shopflow.common.messages.InventoryReply;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockLine;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReleased;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.defaults.messaging.Outbox;
import dev.shopflow.inventory.reservation.Reservation.Status;
import dev.shopflow.inventory.reservation.StockRepository.Stock;
import dev.shopflow.inventory.system.InventoryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The saga participant: reserves, releases and commits an order's stock, idempotently by
 * order id, and answers through the outbox in the same transaction. A transaction first
 * {@linkplain #lock locks} everything its commands can touch in one global order: the
 * orders' advisory locks by key, then the product rows by sku. Each method then takes its
 * own order's lock and product rows again, which in a locked batch are already held (so
 * it never waits, whatever order the commands come in) and on its own makes it correct in
 * any transaction.
 */
@Service
class StockReservations {

	private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

	private final ReservationRepository reservations;

	private final StockRepository stock;

	private final Outbox outbox;

	private final ReservationMetrics metrics;

	private final String currency;

	StockReservations(ReservationRepository reservations, StockRepository stock, Outbox outbox,
			ReservationMetrics metrics, InventoryProperties properties) {
		this.reservations = reservations;
		this.stock = stock;
		this.outbox = outbox;
		this.metrics = metrics;
		this.currency = properties.currency();
	}

	/**
	 * Takes every lock that handling the commands can take, in one global order: all
	 * orders' advisory locks sorted by key, then the rows of every product the commands
	 * name or the orders' reservations hold, sorted by sku. Two transactions that do this
	 * first never deadlock, however their commands overlap.
	 * @param commands the messages about to be handled (other messages are ignored)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(List<? extends Message> commands) {
		Set<UUID> orders = new HashSet<>();
		Set<UUID> changing = new HashSet<>();
		Set<String> skus = new HashSet<>();
		for (Message message : commands) {
			if (message instanceof InventoryCommand command) {
				orders.add(command.orderId());
				if (command instanceof ReserveStock reserve) {
					reserve.lines().forEach((line) -> skus.add(line.sku()));
				}
				else {
					changing.add(command.orderId());
				}
			}
		}
		this.reservations.lockOrders(orders);
		// read under the orders' locks: no other transaction can change these lines now
		skus.addAll(this.reservations.skusReservedFor(changing));
		this.stock.lock(skus);
	}

	/**
	 * Reserves every line of the order or nothing, and answers {@link StockReserved} or
	 * {@link StockRejected}. A repeated command is answered with the outcome stored the
	 * first time, without reserving again; after a release overtook it, nothing is
	 * reserved and nothing answered.
	 * @param command the command
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reserve(ReserveStock command) {
		UUID orderId = command.orderId();
		this.reservations.lockOrders(List.of(orderId));
		Optional<Reservation> known = this.reservations.find(orderId);
		if (known.isPresent()) {
			answerAgain(command, known.get());
			return;
		}
		Map<String, Stock> stock = this.stock.lock(distinctSkus(command.lines()));
		for (StockLine line : command.lines()) {
			Stock found = stock.get(line.sku());
			if (found == null || found.available() < line.quantity()) {
				reject(command, (found == null) ? StockRejected.UNKNOWN_SKU : StockRejected.OUT_OF_STOCK, line.sku());
				return;
			}
		}
		List<PricedLine> priced = command.lines()
			.stream()
			.map((line) -> new PricedLine(line.sku(), line.quantity(), stock.get(line.sku()).unitPriceMinor()))
			.toList();
		this.stock.reserve(priced);
		this.reservations.addGranted(orderId, this.currency, priced);
		reply(StockReserved.of(orderId, command.traceparent(), priced, this.currency));
		this.metrics.accepted();
		log.debug("Stock reserved for order {} ({} lines)", orderId, priced.size());
		for (StockLine line : command.lines()) {
			if (stock.get(line.sku()).available() == line.quantity()) {
				log.info("Stock of {} exhausted by order {}", line.sku(), orderId);
			}
		}
	}

	/**
	 * Gives back whatever the order holds, reserved or sold, and answers
	 * {@link StockReleased}: {@code released=false} if it held nothing. A release for an
	 * order never seen leaves a tombstone, so its reservation, should it still arrive,
	 * reserves nothing.
	 * @param command the command
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(ReleaseStock command) {
		UUID orderId = command.orderId();
		this.reservations.lockOrders(List.of(orderId));
		Optional<Reservation> known = this.reservations.find(orderId);
		boolean released = known.filter(Reservation::holdsStock).isPresent();
		if (known.isEmpty()) {
			this.reservations.addTombstone(orderId);
			log.info("Release for order {} before any reservation: tombstone recorded", orderId);
		}
		else if (released) {
			giveBack(known.get());
			this.reservations.changeStatus(orderId, Status.RELEASED);
			log.debug("Stock released for order {} (was {})", orderId, known.get().status());
		}
		reply(StockReleased.of(orderId, command.traceparent(), released));
		this.metrics.released(released);
	}

	/**
	 * Turns the order's reserved units into sold ones and answers {@link StockCommitted}
	 * (again, if already committed). An order without a reservation cannot be committed:
	 * that is logged and not answered.
	 * @param command the command
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void commit(CommitStock command) {
		UUID orderId = command.orderId();
		this.reservations.lockOrders(List.of(orderId));
		Optional<Reservation> known = this.reservations.find(orderId);
		Status status = known.map(Reservation::status).orElse(null);
		if (status == Status.RESERVED) {
			List<PricedLine> lines = known.get().lines();
			this.stock.lock(skus(lines));
			this.stock.sell(lines);
			this.reservations.changeStatus(orderId, Status.COMMITTED);
			log.debug("Stock committed for order {}", orderId);
		}
		if (status == Status.RESERVED || status == Status.COMMITTED) {
			reply(StockCommitted.of(orderId, command.traceparent()));
			this.metrics.committed(true);
		}
		else {
			log.warn("Cannot commit stock of order {}: its reservation is {}", orderId, status);
			this.metrics.committed(false);
		}
	}

	private void answerAgain(ReserveStock command, Reservation reservation) {
		UUID orderId = command.orderId();
		if (reservation.wasGranted()) {
			reply(StockReserved.of(orderId, command.traceparent(), reservation.lines(), reservation.currency()));
		}
		else if (reservation.status() == Status.REJECTED) {
			reply(StockRejected.of(orderId, command.traceparent(), reservation.rejectReason(),
					reservation.rejectSku()));
		}
		else {
			log.info("Reservation for order {} ignored: the order was released before it arrived", orderId);
			return;
		}
		log.debug("Reservation for order {} answered again ({})", orderId, reservation.status());
	}

	private void reject(ReserveStock command, String reason, String sku) {
		this.reservations.addRejected(command.orderId(), reason, sku);
		reply(StockRejected.of(command.orderId(), command.traceparent(), reason, sku));
		this.metrics.rejected(reason);
		if (StockRejected.UNKNOWN_SKU.equals(reason)) {
			// not the shop running out: the order names a product the catalogue lacks
			log.info("Stock rejected for order {}: unknown sku {}", command.orderId(), sku);
		}
		else {
			log.debug("Stock rejected for order {}: {} {}", command.orderId(), reason, sku);
		}
	}

	private void giveBack(Reservation reservation) {
		List<PricedLine> lines = reservation.lines();
		this.stock.lock(skus(lines));
		if (reservation.status() == Status.COMMITTED) {
			this.stock.unsell(lines);
		}
		else {
			this.stock.unreserve(lines);
		}
	}

	private void reply(InventoryReply reply) {
		this.outbox.add(reply);
	}

	private static Set<String> distinctSkus(List<StockLine> lines) {
		Set<String> skus = new HashSet<>();
		for (StockLine line : lines) {
			if (!skus.add(line.sku())) {
				throw new InvalidCommandException("ReserveStock names sku " + line.sku() + " on more than one line");
			}
		}
		return skus;
	}

	private static List<String> skus(List<PricedLine> lines) {
		return lines.stream().map(PricedLine::sku).toList();
	}

}
