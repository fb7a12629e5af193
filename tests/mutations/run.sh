#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Mutation checks: a test that cannot fail is a defect. Each mutation below
# breaks the code (or a test's own attacker) in one small, named way, in a
# scratch copy of the tree, builds the test that claims to catch it and
# REQUIRES that test to fail. A baseline copy first builds and runs every such
# test unmutated: a test that fails there proves nothing by failing mutated.
#
# Usage: tests/mutations/run.sh [scratch-dir] [name...]  (default scratch: build/mutations;
# names select mutations). Prints one PASS/FAIL line per mutation and "N passed, N failed".
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=${1:-$root/build/mutations}
shift || true
want=" $* "
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
jobs=${MUT_JOBS:-2}
passed=0
failed=0

# A copy of the tree without build output or git metadata.
copy_tree() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$root" && tar --exclude=./build --exclude=./.git -cf - .) | tar -xf - -C "$1"
}

# Baseline: every test a mutation uses, built and run on the real code.
declare -A base_ok
baseline() {
	local target=$1 cmd=$2 key="$1|$2"

	[ -n "${base_ok[$key]:-}" ] && return
	if make -C "$scratch/base" -s -j"$jobs" "$target" >"$scratch/base/build.log" 2>&1 &&
		(cd "$scratch/base" && timeout 300 bash -c "$cmd") >"$scratch/base/run.log" 2>&1; then
		base_ok[$key]=1
	else
		base_ok[$key]=0
		echo "baseline: '$cmd' fails on the real code:"
		tail -5 "$scratch/base/run.log" "$scratch/base/build.log"
	fi
}

# mutate NAME FILE SED-EXPRESSION MAKE-TARGET TEST-DESCRIPTION COMMAND
# The command runs in the mutated copy's root; it must exit non-zero.
mutate() {
	local name=$1 file=$2 expr=$3 target=$4 what=$5 cmd=$6 dir="$scratch/$1" t0=$SECONDS

	if [ "$want" != "  " ] && [[ $want != *" $name "* ]]; then
		return
	fi
	baseline "$target" "$cmd"
	if [ "${base_ok["$target|$cmd"]}" != 1 ]; then
		echo "FAIL mutation $name: $what fails on the real code too (see $scratch/base/run.log)"
		failed=$((failed + 1))
		return
	fi
	copy_tree "$dir"
	# The baseline's objects too: only what the edited file (newer) feeds is rebuilt.
	[ -d "$scratch/base/build" ] && cp -a "$scratch/base/build" "$dir/build"
	sed -i -e "$expr" "$dir/$file"
	touch "$dir/$file"
	if cmp -s "$root/$file" "$dir/$file"; then
		echo "FAIL mutation $name: the edit did not apply to $file (code changed? update run.sh)"
		failed=$((failed + 1))
		return
	fi
	if ! make -C "$dir" -s -j"$jobs" "$target" >"$dir/build.log" 2>&1; then
		echo "FAIL mutation $name: the mutated tree does not build (see $dir/build.log)"
		failed=$((failed + 1))
		return
	fi
	if (cd "$dir" && timeout 300 bash -c "$cmd") >"$dir/run.log" 2>&1; then
		echo "FAIL mutation $name: $what passed on broken code (see $dir/run.log)"
		failed=$((failed + 1))
	else
		echo "PASS mutation $name: $what failed as it must ($((SECONDS - t0)) s)"
		passed=$((passed + 1))
		rm -rf "$dir"
	fi
}

copy_tree "$scratch/base"
# Debian's unpacked packages are shared with the tree, not fetched per copy.
for d in trixie; do
	if [ -e "$root/build/$d/stamp" ]; then
		mkdir -p "$scratch/base/build"
		ln -sfn "$(readlink -f "$root/build/$d")" "$scratch/base/build/$d"
	fi
done
start=$SECONDS

# --- tests/unit/test_chan_svc.c -------------------------------------------
chan_svc=build/host/tests/unit/test_chan_svc
mutate sink-consumes-nothing secure/services/sink.c \
	's/rc = xw_chan_recv_with(ch, 0, 0, SIZE_MAX, &got, &eom, SVC_NO_WAIT, 0);/rc = XW_EAGAIN; got = 0; (void)eom;/' \
	$chan_svc test_chan_svc $chan_svc
mutate source-corrupts-one-byte secure/services/source.c \
	's/__atomic_store_n(&pattern_ready, 1, __ATOMIC_RELEASE);/pattern[500] ^= 0x10; &/' \
	$chan_svc test_chan_svc $chan_svc

# --- tests/hosted/adversarial.c: the test's own attackers, weakened ---------
adv=build/host/tests/hosted/adversarial
mutate flipper-never-flips tests/hosted/adversarial.c \
	's/^\tf->ch->tx_ring\[at & f->ch->tx_mask\] ^= bits;/\t(void)at, (void)bits;/' \
	$adv adversarial-flip "$adv flip"
mutate kill-after-whole-message tests/hosted/adversarial.c \
	's/ch.tx.msg_off < MSGGEN_MAX \/ 2)/ch.tx.msg_off <= MSGGEN_MAX)/' \
	$adv adversarial-kill "$adv kill"

# --- tests/fuzz/fuzz_blk.c: run on its seeds for a few seconds --------------
mutate blk-unregister-leaks-page secure/services/blk_backend.c \
	's/^\txw_ns_unmap(d->va, d->size);/&\n\t{ void *leak; (void)xw_ns_map(d->pa, 4096, \&leak); }/' \
	build/fuzz/fuzz_blk fuzz_blk 'make -s test-fuzz-blk FUZZ_BLK_SECONDS=5'

# --- tests/fuzz/fuzz_optee_entry.c: run on its seeds for a few seconds -------
ofz='make -s test-fuzz-optee-entry FUZZ_OPTEE_ENTRY_SECONDS=5'
mutate optee-unregister-forgets secure/abi/optee/call.c \
	's/^\t\treturn teec_from(xw_optee_shm_unregister(o, t->guest, c->p\[0\].shm_ref));/\t\treturn XW_TEEC_SUCCESS;/' \
	build/fuzz/fuzz_optee_entry fuzz_optee_entry "$ofz"
mutate optee-open-leaks-session secure/abi/optee/pta.c \
	'0,/^\t\tc->session = id;/s//\t\tif (i + 1 < XW_OPTEE_SESSIONS \&\& !o->s[i + 1].used) { o->s[i + 1] = o->s[i]; o->s[i + 1].id = ~o->s[i].id; }\n\t\tc->session = id;/' \
	build/fuzz/fuzz_optee_entry fuzz_optee_entry "$ofz"

# --- entropy (docs/entropy.md): tests/unit/test_rng.c, tests/fuzz/fuzz_rng.c ---
rng=build/host/tests/unit/test_rng
mutate rng-rct-cutoff-off-by-one secure/services/rng_health.c \
	's/if (++h->rct_run >= h->rct_cutoff)/if (++h->rct_run > h->rct_cutoff)/' \
	$rng test_rng $rng
mutate rng-served-not-wiped secure/services/rng_pool.c \
	's/^\t\twipe(p->buf + p->pos, k);/\t\t(void)0;/' \
	$rng test_rng $rng
mutate rng-trng-bits-reversed secure/services/trng.c \
	's/reg\[2 - (8 \* k) \/ w\]/reg[(8 * k) \/ w]/' \
	$rng test_rng $rng
mutate rng-health-tests-ignored secure/services/rng_pool.c \
	's/^\talarm = xw_rng_health_feed(&p->h, p->buf, XW_RNG_BATCH);/&\n\talarm = 0;/' \
	build/fuzz/fuzz_rng fuzz_rng 'make -s test-fuzz-rng FUZZ_RNG_SECONDS=5'

# --- tests/unit/test_guests.c, test_chan_svc.c: guests (docs/guests.md) -----
guests=build/host/tests/unit/test_guests
mutate guest-drop-keeps-objects secure/abi/optee/smc.c \
	's/^\txw_optee_shm_drop(o, g);/\t(void)xw_optee_shm_drop;/' \
	$guests test_guests $guests
mutate guest-resumes-any-thread secure/abi/optee/thread.c \
	's/^\t\t    o->t\[i\].guest != g) {/\t\t    (void *)g == (void *)1) {/' \
	$guests test_guests $guests
mutate guest-region-any-owner secure/core/chan_svc.c \
	's/ || r->guest != g) {/ || (void *)g == (void *)1) {/' \
	$chan_svc test_chan_svc $chan_svc

# --- tests/unit/test_app.c and tests/fuzz/fuzz_app_sys.c (docs/apps.md) -----
app_t=build/host/tests/unit/test_app
mutate app-pointer-end-unchecked secure/core/app_sys.c \
	's/if (va >= m->va \&\& va + len <= m->va + m->pages \* XW_PAGE_SIZE) {/if (va >= m->va \&\& va < m->va + m->pages * XW_PAGE_SIZE) {/' \
	$app_t test_app $app_t
mutate app-kill-leaks-stack secure/core/app.c \
	's/if (app->maps\[i\].kind != XW_APP_MAP_CHAN) {/if (app->maps[i].kind != XW_APP_MAP_CHAN \&\& app->maps[i].kind != XW_APP_MAP_STACK) {/' \
	$app_t test_app $app_t
# The lost wake-up (docs/apps.md): a doorbell during an unbind dropped again; a
# slot re-bound before its unbind reached the app.
mutate app-doorbell-dropped-during-unbind secure/core/app.c \
	's/if (who != 0 \&\& who != CLAIM_BINDING) {/if (who != 0) {/' \
	$app_t test_app $app_t
mutate app-slot-rebound-early secure/core/app.c \
	's/if (!app->chans\[id\].used \&\& !(app->pend_unbind \& (1U << id))) {/if (!app->chans[id].used) {/' \
	$app_t test_app $app_t
mutate app-pointer-end-unchecked-fuzz secure/core/app_sys.c \
	's/if (va >= m->va \&\& va + len <= m->va + m->pages \* XW_PAGE_SIZE) {/if (va >= m->va \&\& va < m->va + m->pages * XW_PAGE_SIZE) {/' \
	build/fuzz/fuzz_app_sys fuzz_app_sys 'make -s test-fuzz-app FUZZ_APP_SECONDS=10'

# --- issue 14: echo's idle rule and the hosted asymmetric fences (docs/channel.md) ---
# echo with full replies arms its data event again: the writer's next write rings
# for nothing (two doorbells per message where test_echo_sched counts one).
es_t=build/host/tests/unit/test_echo_sched
mutate echo-arms-data-when-full lib/echo.c \
	's/	if (e->last != 0) {/	if (0) {/' \
	$es_t test_echo_sched $es_t
# The end about to sleep no longer fences its peer: a light publish can be lost.
cf_t=build/host/tests/unit/test_chan_fence
mutate chan-sleeper-skips-peer-fence lib/chan.c \
	's/if (ch->ops \&\& ch->ops->fence_peer \&\& ch->ops->fence_peer(ch->ctx))/if (0)/' \
	$cf_t test_chan_fence $cf_t

# --- tests/unit/test_ta_verify.c (docs/optee.md "TA verification") ---------
ta_t=build/host/tests/unit/test_ta_verify
mutate ta-bootstrap-uuid-unchecked secure/ta/ta_verify.c \
	's/if (!fits(off, BS_SIZE, len) || !uuid_matches(img + off, uuid)) {/if (!fits(off, BS_SIZE, len)) {/' \
	$ta_t test_ta_verify $ta_t
mutate ta-subkey-namespace-unchecked secure/ta/ta_verify.c \
	's/if (c.bound \&\& !uuid_matches(c.uuid, uuid)) {/if (0) {/' \
	$ta_t test_ta_verify $ta_t
mutate ta-subkey-depth-unchecked secure/ta/ta_verify.c \
	's/if (max_depth >= c->max_depth || /if (/' \
	$ta_t test_ta_verify $ta_t
mutate ta-image-hash-unchecked secure/ta/ta_verify.c \
	's/if (memcmp(digest, hdr + SHDR_SIZE, sizeof(digest)) != 0) {/if (0) {/' \
	$ta_t test_ta_verify $ta_t
mutate ta-pss-hash-unchecked secure/ta/ta_pkcs1.c \
	's/return differs(h2, em + db_len, HLEN) ? -1 : 0;/return 0;/' \
	$ta_t test_ta_verify $ta_t
mutate ta-pkcs1-padding-unchecked secure/ta/ta_pkcs1.c \
	's/bad |= (uint8_t)(em\[2 + i\] ^ 0xff);/(void)0;/' \
	$ta_t test_ta_verify $ta_t

echo "mutations took $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
