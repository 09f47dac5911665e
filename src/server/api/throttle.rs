//! The throttle: at most `slots` requests per access token are answered at
//! once; the others wait in line (first come, first served) for a slot, up
//! to a bound past which they are refused. This is what a rate-limited API
//! does to a client's parallel fetches: a plateau in the speed-up.
//!
//! Each token has one line, whatever its requests ask. A request may ask
//! for a tighter limit `m` (`max_concurrent`): it is let in only when at most
//! `m - 1` of the token's requests are being answered. It does so by taking
//! `slots - m + 1` slots at once (possible only then) and giving all but one
//! back at once, so it waits in the same first-come line as the others.
//! Lines are kept in a map and removed when their last request is gone, so
//! tokens seen once cost nothing.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex, PoisonError,
    },
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// All the lines, by token.
#[derive(Debug)]
pub struct Throttle {
    lines: Mutex<HashMap<String, Arc<Line>>>,
    /// Slots per token: the most of its requests answered at once.
    slots: u32,
    max_queued: usize,
}

/// The line was full: `max_queued` requests already wait in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueFull;

#[derive(Debug)]
struct Line {
    /// Free slots; tokio's semaphore hands them out in FIFO order.
    slots: Arc<Semaphore>,
    /// Requests waiting for a slot.
    waiting: AtomicUsize,
}

impl Throttle {
    /// `slots` per token; at most `max_queued` requests wait in each line.
    pub fn new(slots: u32, max_queued: usize) -> Self {
        Throttle {
            lines: Mutex::new(HashMap::new()),
            slots: slots.max(1),
            max_queued,
        }
    }

    /// Waits for one of the slots of `token` (at once if one is free), and
    /// until at most `asked - 1` others are held when `asked` is tighter.
    /// The slot is held until the returned [`Slot`] is dropped; dropping
    /// this future while it waits leaves the line.
    pub async fn enter(self: &Arc<Self>, token: &str, asked: u32) -> Result<Slot, QueueFull> {
        let line = {
            let mut lines = self.lines.lock().unwrap_or_else(PoisonError::into_inner);
            lines
                .entry(token.to_owned())
                .or_insert_with(|| {
                    Arc::new(Line {
                        slots: Arc::new(Semaphore::new(self.slots as usize)),
                        waiting: AtomicUsize::new(0),
                    })
                })
                .clone()
        };
        // Owned by the slot from here on, so every way out of this function
        // (a full line, a cancelled wait) tidies the map.
        let mut slot = Slot {
            permit: None,
            line: Some(line),
            token: token.to_owned(),
            throttle: Arc::clone(self),
        };
        let line = slot.line.as_deref().expect("set above");
        let taken = self.slots - asked.clamp(1, self.slots) + 1;
        let mut permit = line.take_slots(taken, self.max_queued).await?;
        // Keep one slot; the others go back now (to the next in line).
        slot.permit = permit.split(1);
        Ok(slot)
    }

    /// Most requests that may wait in one line.
    pub fn max_queued(&self) -> usize {
        self.max_queued
    }

    /// Lines in the map (for tests: idle ones are removed).
    pub fn lines(&self) -> usize {
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

impl Line {
    async fn take_slots(
        &self,
        count: u32,
        max_queued: usize,
    ) -> Result<OwnedSemaphorePermit, QueueFull> {
        // Slots are only free when nobody waits (the semaphore gives
        // released slots to waiters first), so this never jumps the line.
        if let Ok(permit) = Arc::clone(&self.slots).try_acquire_many_owned(count) {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= max_queued {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(QueueFull);
        }
        let _waiting = Waiting(&self.waiting);
        Ok(Arc::clone(&self.slots)
            .acquire_many_owned(count)
            .await
            .expect("the semaphore is never closed"))
    }
}

/// Counts a waiting request until it gets a slot or gives up.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A held slot (or, inside [`Throttle::enter`], a place in the line).
#[derive(Debug)]
pub struct Slot {
    permit: Option<OwnedSemaphorePermit>,
    line: Option<Arc<Line>>,
    token: String,
    throttle: Arc<Throttle>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        drop(self.permit.take());
        drop(self.line.take());
        // Clones of a line are only made under the lock, so when the map's
        // is the last one, no request holds or waits in this line.
        let mut lines = self
            .throttle
            .lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if lines
            .get(&self.token)
            .is_some_and(|line| Arc::strong_count(line) == 1)
        {
            lines.remove(&self.token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn slots_are_limited_per_token_and_lines_are_removed() {
        let throttle = Arc::new(Throttle::new(2, 10));
        let a1 = throttle.enter("a", 2).await.unwrap();
        let a2 = throttle.enter("a", 2).await.unwrap();
        let b = throttle.enter("b", 2).await.unwrap();
        // The third "a" waits until a slot is freed.
        let third = tokio::spawn({
            let throttle = throttle.clone();
            async move { throttle.enter("a", 2).await.map(drop) }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!third.is_finished());
        drop(a1);
        tokio::time::timeout(Duration::from_secs(1), third)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        assert_eq!(throttle.lines(), 2);
        drop(a2);
        drop(b);
        assert_eq!(throttle.lines(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_line_refuses_and_a_cancelled_wait_leaves_it() {
        let throttle = Arc::new(Throttle::new(1, 2));
        let held = throttle.enter("t", 1).await.unwrap();
        let waiters: Vec<_> = (0..2)
            .map(|_| {
                let throttle = throttle.clone();
                tokio::spawn(async move { throttle.enter("t", 1).await.map(drop) })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(throttle.enter("t", 1).await.unwrap_err(), QueueFull);
        // Cancelling one waiter makes room for another.
        waiters[0].abort();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let again = tokio::spawn({
            let throttle = throttle.clone();
            async move { throttle.enter("t", 1).await.map(drop) }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!again.is_finished(), "should wait, not be refused");
        drop(held);
        for waiter in waiters.into_iter().skip(1).chain([again]) {
            tokio::time::timeout(Duration::from_secs(1), waiter)
                .await
                .unwrap()
                .unwrap()
                .unwrap();
        }
        assert_eq!(throttle.lines(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn waiters_are_served_in_order() {
        let throttle = Arc::new(Throttle::new(1, 100));
        let held = throttle.enter("t", 1).await.unwrap();
        let (send, mut receive) = tokio::sync::mpsc::unbounded_channel();
        for n in 0..5 {
            let throttle = throttle.clone();
            let send = send.clone();
            tokio::spawn(async move {
                let _slot = throttle.enter("t", 1).await.unwrap();
                send.send(n).unwrap();
                tokio::time::sleep(Duration::from_millis(5)).await;
            });
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        drop(held);
        drop(send);
        let mut order = Vec::new();
        while let Some(n) = receive.recv().await {
            order.push(n);
        }
        assert_eq!(order, [0, 1, 2, 3, 4]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_tighter_ask_waits_its_turn_in_the_one_line() {
        let throttle = Arc::new(Throttle::new(3, 10));
        let held = throttle.enter("t", u32::MAX).await.unwrap();
        // Asking for 1 at once: it waits until nothing else is answered...
        let alone = tokio::spawn({
            let throttle = throttle.clone();
            async move { throttle.enter("t", 1).await.unwrap() }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        // ...and one that came after it waits behind it, though a slot is free.
        let after = tokio::spawn({
            let throttle = throttle.clone();
            async move { throttle.enter("t", u32::MAX).await.map(drop) }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!alone.is_finished() && !after.is_finished());
        assert_eq!(throttle.lines(), 1, "one line for the token");
        drop(held);
        let alone = alone.await.unwrap();
        // The one that asked for less holds a single slot: the next gets in.
        tokio::time::timeout(Duration::from_secs(1), after)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        drop(alone);
        assert_eq!(throttle.lines(), 0);
    }
}
