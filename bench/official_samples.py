"""Drives KIS's official Python samples (koreainvestment/open-trading-api, examples_user) against a running
simulator, the way a KIS user calls them, and prints one line per step. Started by bench/official-samples.sh,
which starts the simulator, writes the samples' kis_devlp.yaml under a temporary HOME and runs this with the
checkout's examples_user/domestic_stock as the working directory (the samples find kis_auth through '..').

Nothing of the samples is copied here: they are imported from the checkout and called as their docstrings show.
The simulator's admin API (/sim/admin) is the witness each step is checked against.

A line per step: "ok", "FAIL" (the simulator, or this check, is wrong) or "SAMPLE" (the samples cannot take the
step themselves, whoever answers them; reported, not failed).
"""

import argparse
import asyncio
import contextlib
import io
import logging
import os
import sys
import threading
import time
import traceback

parser = argparse.ArgumentParser()
parser.add_argument("--rest", required=True, help="the simulator's REST base URL")
parser.add_argument("--env", required=True, choices=["real", "paper"], help="the domain the simulator plays")
parser.add_argument("--log", required=True, help="file for the samples' own logging")
args = parser.parse_args()

# The samples call logging.basicConfig(INFO) on import and log every page and frame; keep that in a file so
# stdout is one line per step.
logging.basicConfig(filename=args.log, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

import requests  # noqa: E402  (after logging is set up)

sys.path.extend(["..", "."])
import kis_auth as ka  # noqa: E402
import domestic_stock_functions as dsf  # noqa: E402
import domestic_stock_functions_ws as dsw  # noqa: E402

PAPER = args.env == "paper"
ENV_DV = "demo" if PAPER else "real"  # the samples' name for the domain
SVR = "vps" if PAPER else "prod"  # kis_auth's
NOTICE_TR = "H0STCNI9" if PAPER else "H0STCNI0"
DAILY_TR = "VTTC0081R" if PAPER else "TTTC0081R"
BALANCE_TR = "VTTC8434R" if PAPER else "TTTC8434R"
BALANCE_PAGE = 20 if PAPER else 50  # positions a balance page shows
# A paged inquiry must follow tr_cont at least twice: only a second "N" carries ctx areas that a continued page
# (not the first) handed out, so only then does a cursor that fails to move show.
PAGES = 3
SYMBOL = "005930"
UNKNOWN_SYMBOL = "999999"
failures = []
state = {}


class SamplesDefect(Exception):
    """A step the samples themselves cannot take, against KIS as against the simulator."""


def step(name):
    """Runs one step at once: prints what it returned, or the exception and what the samples printed meanwhile
    (they print their errors rather than raise them)."""

    def run(fn):
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                detail = fn()
            print(f"ok     {args.env:<5} {name:<20} {detail}", flush=True)
        except SamplesDefect as e:
            print(f"SAMPLE {args.env:<5} {name:<20} {e}", flush=True)
        except Exception as e:  # noqa: BLE001  every failure is reported, the next step still runs
            said = " ".join(printed.getvalue().split())
            failures.append(name)
            print(f"FAIL   {args.env:<5} {name:<20} {type(e).__name__}: {e}"
                  + (f" | samples printed: {said[:300]}" if said else ""), flush=True)
            logging.error("step %s failed\n%s", name, traceback.format_exc())
        return fn

    return run


def require(condition, message):
    if not condition:
        raise AssertionError(message)


def admin(path):
    r = requests.get(args.rest + "/sim/admin" + path, timeout=5)
    r.raise_for_status()
    return r.json()


def app_key_stats():
    """The simulator's counters of the demo key, the only key it serves here."""
    return next(iter(admin("/stats")["appKeys"].values()))


def admitted(tr_id):
    """Calls of a TR the simulator admitted for the demo key: how many pages a paginated query took."""
    return app_key_stats().get("admittedByTr", {}).get(tr_id, 0)


def truth():
    return admin("/truth/" + cfg.my_acct)


def require_pages(pages):
    require(pages >= PAGES, f"{pages} page(s): tr_cont followed {pages - 1} time(s), the check wants {PAGES - 1}")


def order_in_truth(odno):
    return next(o for o in truth()["orders"] if o["odno"].lstrip("0") == str(odno).lstrip("0"))


_last_call = [0.0]


def paced(fn, *a, **kw):
    """Calls a sample as a careful user does: KIS's paper domain takes 1 call/s per app key, so a call there
    waits until a second has passed since the last. Pages a sample reads within one call are paced by
    kis_auth.smart_sleep: 0.1 s on both domains (kis_auth.changeTREnv sets a local _smartSleep, not the global),
    under paper's second; the step balance-sample-pace shows what that costs there."""
    if PAPER:
        time.sleep(max(0.0, _last_call[0] + 1.05 - time.time()))
    try:
        return fn(*a, **kw)
    finally:
        _last_call[0] = time.time()


def quiet_second():
    """A second without calls, so a burst that follows has the real domain's 18/s to itself."""
    time.sleep(max(0.0, _last_call[0] + 1.1 - time.time()))


def order(side, qty, price, ord_dvsn, pdno=SYMBOL):
    return paced(dsf.order_cash, env_dv=ENV_DV, ord_dv=side, cano=cfg.my_acct, acnt_prdt_cd=cfg.my_prod,
                 pdno=pdno, ord_dvsn=ord_dvsn, ord_qty=str(qty), ord_unpr=str(price), excg_id_dvsn_cd="KRX")


def revise_or_cancel(orgno, odno, cancel, price):
    return paced(dsf.order_rvsecncl, env_dv=ENV_DV, cano=cfg.my_acct, acnt_prdt_cd=cfg.my_prod,
                 krx_fwdg_ord_orgno=orgno, orgn_odno=odno, ord_dvsn="00", rvse_cncl_dvsn_cd="02" if cancel else "01",
                 ord_qty="0", ord_unpr=str(price), qty_all_ord_yn="Y", excg_id_dvsn_cd="KRX")


def odno_of(df):
    require(not df.empty, "the sample returned an empty DataFrame (the call failed)")
    return df.iloc[0]["ODNO"]


@step("token")
def token():
    ka.auth(svr=SVR, product="01")
    global cfg
    cfg = ka.getTREnv()
    # kis_auth keeps the token in its request headers; its KISEnv.my_token stays "" after the first auth
    # (changeTREnv reads it back from the KISEnv it is about to replace).
    bearer = ka._base_headers.get("authorization", "")
    require(bearer.startswith("Bearer ") and len(bearer) > 20, "kis_auth holds no token")
    state["bearer"] = bearer
    return f"kis_auth.auth(svr={SVR!r}): token of {len(bearer) - 7} chars, account {cfg.my_acct}-{cfg.my_prod}"


@step("token-again")
def token_again():
    # A user restarting a script that lost its token file within the minute meets tokenP's throttle
    # (HTTP 403 EGW00133); kis_auth prints its failure and keeps the headers it had. Right after the first token,
    # as the minute is real time and a domain's run is longer. Nothing later reads the file (kis_auth's
    # _autoReAuth is off).
    os.remove(ka.token_tmp)
    throttled = app_key_stats()["tokenThrottled"]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        paced(ka.auth, svr=SVR, product="01")
    said = " ".join(printed.getvalue().split())
    require("fail" in said, "no failure printed: " + said)
    require(app_key_stats()["tokenThrottled"] == throttled + 1, "the simulator did not throttle that tokenP")
    require(ka._base_headers.get("authorization") == state["bearer"], "the old token was lost")
    return f"kis_auth.auth() again within the minute (EGW00133): the sample printed '{said[:32]}', kept its token"


@step("quote")
def quote():
    df = paced(dsf.inquire_price, env_dv=ENV_DV, fid_cond_mrkt_div_code="J", fid_input_iscd=SYMBOL)
    require(not df.empty, "no quote")
    row = df.iloc[0]
    state["price"] = int(row["stck_prpr"])
    state["lower"] = int(row["stck_llam"])
    return f"inquire_price {SYMBOL}: stck_prpr {row['stck_prpr']}, band {row['stck_llam']}..{row['stck_mxpr']}"


@step("buying-power")
def buying_power():
    df = paced(dsf.inquire_psbl_order, env_dv=ENV_DV, cano=cfg.my_acct, acnt_prdt_cd=cfg.my_prod, pdno=SYMBOL,
               ord_unpr=str(state["price"]), ord_dvsn="00", cma_evlu_amt_icld_yn="N", ovrs_icld_yn="N")
    require(not df.empty, "no answer")
    row = df.iloc[0]
    return f"inquire_psbl_order: ord_psbl_cash {row['ord_psbl_cash']}, nrcvb_buy_qty {row['nrcvb_buy_qty']}"


@step("hashkey")
def hashkey():
    headers = dict(ka._getBaseHeader())
    body = {"CANO": cfg.my_acct, "ACNT_PRDT_CD": cfg.my_prod, "PDNO": SYMBOL, "ORD_DVSN": "01", "ORD_QTY": "1",
            "ORD_UNPR": "0"}
    paced(ka.set_order_hash_key, headers, body)
    require(len(headers.get("hashkey", "")) == 64, "no hashkey header set")
    return f"set_order_hash_key: hashkey {headers['hashkey'][:12]}..."


@step("buy-market")
def buy_market():
    odno = odno_of(order("buy", 10, 0, "01"))
    o = order_in_truth(odno)
    require(o["filledQty"] == 10, f"expected 10 filled, truth says {o['filledQty']}")
    return f"order_cash buy 10 {SYMBOL} market: ODNO {odno}, filled 10 at {o['avgPrice']}"


@step("sell-limit")
def sell_limit():
    price = state["price"] - 1_000
    odno = odno_of(order("sell", 4, price, "00"))
    o = order_in_truth(odno)
    require(o["filledQty"] == 4, f"expected 4 filled, truth says {o['filledQty']}")
    return f"order_cash sell 4 limit {price} (marketable): ODNO {odno}, filled at {o['avgPrice']}"


@step("order-rejected")
def order_rejected():
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        df = order("buy", 1, 0, "01", pdno=UNKNOWN_SYMBOL)
    said = " ".join(printed.getvalue().split())
    require(df.empty, "an order of an unknown symbol was taken")
    require("msg_cd :" in said, "the sample printed no error: " + said)
    return f"order_cash of {UNKNOWN_SYMBOL}: refused, the sample printed msg_cd {said.split('msg_cd :')[1].split()[0]}"


@step("buy-limit-resting")
def buy_limit_resting():
    price = state["lower"] + 100
    df = order("buy", 3, price, "00")
    odno = odno_of(df)
    state["resting"] = (df.iloc[0]["KRX_FWDG_ORD_ORGNO"], odno)
    require(order_in_truth(odno)["state"] == "OPEN", "the order is not open")
    return f"order_cash buy 3 limit {price}: ODNO {odno} open"


@step("revise")
def revise():
    orgno, odno = state["resting"]
    price = state["lower"] + 200
    df = revise_or_cancel(orgno, odno, False, price)
    new = odno_of(df)
    o = order_in_truth(new)
    require(o["action"] == "REVISE" and int(float(o["price"])) == price, f"truth: {o}")
    state["revised"] = (df.iloc[0]["KRX_FWDG_ORD_ORGNO"], new)
    return f"order_rvsecncl 01 all of {odno} to {price}: ODNO {new}"


@step("cancel")
def cancel():
    orgno, odno = state["revised"]
    new = odno_of(revise_or_cancel(orgno, odno, True, 0))
    require(order_in_truth(odno)["state"] == "CANCELED", "the revised order is not cancelled")
    return f"order_rvsecncl 02 all of {odno}: ODNO {new}, {odno} cancelled"


@step("orders-for-pages")
def orders_for_pages():
    # Open orders for three pages of inquire-psbl-rvsecncl (50 a page, real only); with positions-for-pages they
    # also fill three pages of inquire-daily-ccld (100 a page real, 15 paper). Under the app key's limit as a
    # careful user would (18/s real after a quiet second, 1/s paper).
    count = 12 if PAPER else 105
    quiet_second()
    for i in range(count):
        odno_of(order("buy", 1, state["lower"] + 100 * (i % 5), "00"))
        if not PAPER:
            time.sleep(0.07)
    return f"order_cash x{count}: resting buys near the lower limit"


@step("positions-for-pages")
def positions_for_pages():
    # One share of other symbols at market, until the account holds one position more than two balance pages
    # (bench/official-samples.sh lists enough symbols beyond the simulator's 11 defaults).
    wanted = (PAGES - 1) * BALANCE_PAGE + 1
    held = {p["symbol"] for p in truth()["positions"] if p["qty"] > 0}
    others = [m["symbol"] for m in admin("/market")["symbols"] if m["symbol"] not in held]
    need = wanted - len(held)
    require(len(others) >= need, f"the simulator lists {len(others)} other symbols, {need} needed")
    quiet_second()
    for symbol in others[:need]:
        odno_of(order("buy", 1, 0, "01", pdno=symbol))
        if not PAPER:
            time.sleep(0.07)
    positions = [p for p in truth()["positions"] if p["qty"] > 0]
    require(len(positions) == wanted, f"{len(positions)} positions, {wanted} wanted")
    return f"order_cash x{need}: 1 share each at market, {len(positions)} positions"


@step("psbl-rvsecncl-pages")
def psbl_rvsecncl_pages():
    quiet_second()
    before = admitted("TTTC0084R")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        df = paced(dsf.inquire_psbl_rvsecncl, cano=cfg.my_acct, acnt_prdt_cd=cfg.my_prod, inqr_dvsn_1="0",
                   inqr_dvsn_2="0")
    if PAPER:
        said = " ".join(printed.getvalue().split())
        require(df.empty and "EGW00213" in said, "a real-only function answered on paper: " + said)
        return "inquire_psbl_rvsecncl (real only): refused as KIS refuses it, the sample printed EGW00213"
    pages = admitted("TTTC0084R") - before
    open_orders = [o for o in truth()["orders"] if o["remainingQty"] > 0]
    require(len(df) == len(open_orders), f"{len(df)} rows, truth has {len(open_orders)} open orders")
    require(df["odno"].is_unique, "an order came twice")
    require_pages(pages)
    return f"inquire_psbl_rvsecncl: {len(df)} open orders in {pages} pages, as the truth"


@step("daily-ccld-pages")
def daily_ccld_pages():
    today = admin("/clock")["now"][:10].replace("-", "")
    state["today"] = today
    before = admitted(DAILY_TR)
    try:
        df1, df2 = paced(dsf.inquire_daily_ccld, env_dv=ENV_DV, pd_dv="inner", cano=cfg.my_acct,
                         acnt_prdt_cd=cfg.my_prod, inqr_strt_dt=today, inqr_end_dt=today, sll_buy_dvsn_cd="00",
                         ccld_dvsn="00", inqr_dvsn="00", inqr_dvsn_3="00")
    except ValueError as e:
        if not str(e).startswith("ccld_dvsn is required"):
            raise
        # Its recursive call for the next page passes pdno where ccld_dvsn belongs, so with pdno "" (every
        # symbol) it refuses its own arguments after the first page, whoever answers.
        raise SamplesDefect(f"inquire_daily_ccld read {admitted(DAILY_TR) - before} page, then raised on its own "
                            f"call for page 2 (it passes pdno as ccld_dvsn): ValueError: {e}")
    pages = admitted(DAILY_TR) - before
    orders = truth()["orders"]
    require(len(df1) == len(orders), f"{len(df1)} rows, truth has {len(orders)} orders")
    require(df1["odno"].is_unique, "an order came twice")
    require_pages(pages)
    return f"inquire_daily_ccld {today}: {len(df1)} orders in {pages} pages, as the truth; output2 {len(df2)} rows"


@step("daily-ccld-kis_auth")
def daily_ccld_through_kis_auth():
    # The pages inquire_daily_ccld cannot reach, read as every sample reads pages: kis_auth._url_fetch with
    # tr_cont "N" and the previous ctx areas while the answer's header tr_cont is F or M.
    rows, pages, fk100, nk100, tr_cont = [], 0, "", "", ""
    while True:
        query = {"CANO": cfg.my_acct, "ACNT_PRDT_CD": cfg.my_prod, "INQR_STRT_DT": state["today"],
                 "INQR_END_DT": state["today"], "SLL_BUY_DVSN_CD": "00", "PDNO": "", "CCLD_DVSN": "00",
                 "INQR_DVSN": "00", "INQR_DVSN_3": "00", "ORD_GNO_BRNO": "", "ODNO": "", "INQR_DVSN_1": "",
                 "CTX_AREA_FK100": fk100, "CTX_AREA_NK100": nk100, "EXCG_ID_DVSN_CD": "KRX"}
        # kis_auth._url_fetch turns a T TR into its V twin on paper
        res = paced(ka._url_fetch, "/uapi/domestic-stock/v1/trading/inquire-daily-ccld", "TTTC0081R", tr_cont,
                    query)
        require(res.isOK(), f"page {pages + 1}: {res.getErrorCode()} {res.getErrorMessage()}")
        pages += 1
        rows += res.getBody().output1
        if res.getHeader().tr_cont not in ("F", "M"):
            break
        fk100, nk100, tr_cont = res.getBody().ctx_area_fk100, res.getBody().ctx_area_nk100, "N"
        ka.smart_sleep()
    orders = truth()["orders"]
    odnos = [r["odno"] for r in rows]
    require(len(set(odnos)) == len(odnos) == len(orders), f"{len(odnos)} rows, truth has {len(orders)} orders")
    require_pages(pages)
    return (f"kis_auth._url_fetch {DAILY_TR}: {len(rows)} orders in {pages} pages (header tr_cont "
            f"{res.getHeader().tr_cont} on the last), as the truth")


def inquire_balance():
    return paced(dsf.inquire_balance, env_dv=ENV_DV, cano=cfg.my_acct, acnt_prdt_cd=cfg.my_prod,
                 afhr_flpr_yn="N", inqr_dvsn="02", unpr_dvsn="01", fund_sttl_icld_yn="N",
                 fncg_amt_auto_rdpt_yn="N", prcs_dvsn="00")


if PAPER:
    @step("balance-sample-pace")
    def balance_at_the_samples_pace():
        # inquire_balance as it comes: kis_auth.smart_sleep's 0.1 s between pages is a tenth of paper's second.
        quiet_second()
        before = admitted(BALANCE_TR)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            df1, _ = inquire_balance()
        said = " ".join(printed.getvalue().split())
        pages = admitted(BALANCE_TR) - before
        require(df1.empty, f"{len(df1)} rows: the simulator let pages {ka._smartSleep} s apart through on paper")
        require(pages >= 1 and "EGW00201" in said, f"{pages} page(s), the sample printed: {said[:200]}")
        raise SamplesDefect(f"inquire_balance at its own pace (kis_auth.smart_sleep {ka._smartSleep} s between "
                            f"pages, under paper's 1 call/s): page {pages + 1} refused EGW00201 and the sample "
                            f"returned empty DataFrames, dropping the {pages} page(s) it had read")


@step("balance-pages")
def balance():
    if PAPER:
        ka._smartSleep = 1.05  # what a user on paper must set: see balance-sample-pace
    quiet_second()
    before = admitted(BALANCE_TR)
    df1, df2 = inquire_balance()
    pages = admitted(BALANCE_TR) - before
    require(not df1.empty, "no positions")
    positions = {p["symbol"]: p["qty"] for p in truth()["positions"]}
    require(df1["pdno"].is_unique, "a position came twice")
    require(set(df1["pdno"]) == set(positions), f"{len(df1)} rows, truth has {len(positions)} positions")
    require(all(int(r["hldg_qty"]) == positions[r["pdno"]] for _, r in df1.iterrows()), "hldg_qty differs")
    require_pages(pages)
    row = df1[df1["pdno"] == SYMBOL].iloc[0]
    return (f"inquire_balance{' (ka._smartSleep 1.05)' if PAPER else ''}: {len(df1)} positions in {pages} "
            f"pages, hldg_qty as the truth ({SYMBOL} {row['hldg_qty']}); output2 {len(df2)} rows (one a page), "
            f"dnca_tot_amt {df2.iloc[0]['dnca_tot_amt']}")


@step("rate-limit")
def rate_limit():
    # A user's loop without pauses: KIS answers EGW00201 beyond the app key's limit, which the samples print
    # and return as an empty DataFrame.
    quiet_second()
    burst = 4 if PAPER else 30
    answered, printed = 0, io.StringIO()
    with contextlib.redirect_stdout(printed):
        for _ in range(burst):
            answered += 0 if dsf.inquire_price(env_dv=ENV_DV, fid_cond_mrkt_div_code="J",
                                               fid_input_iscd=SYMBOL).empty else 1
    _last_call[0] = time.time()
    quiet_second()
    errors = [line for line in printed.getvalue().splitlines() if line.startswith("Error Code")]
    require(answered < burst, "every call was answered")
    require(all("EGW00201" in line for line in errors), f"other errors: {errors[:2]}")
    return f"{burst} inquire_price at once: {answered} answered, {burst - answered} x 'Error Code : 500 | ...EGW00201...'"


@step("approval-key")
def approval_key():
    paced(ka.auth_ws, svr=SVR, product="01")
    key = ka._base_headers_ws.get("approval_key", "")
    require(key, "no approval key")
    return f"kis_auth.auth_ws(): approval key of {len(key)} chars"


stream = {"frames": []}


@step("streams")
def streams():
    frames = stream["frames"]

    def on_result(ws, tr_id, df, info):
        stream["ws"], stream["loop"] = ws, asyncio.get_event_loop()
        if not df.empty:
            frames.append((tr_id, df))

    kws = ka.KISWebSocket(api_url="/tryitout")
    stream["kws"] = kws
    kws.subscribe(request=dsw.ccnl_notice, data=[cfg.my_htsid], kwargs={"env_dv": ENV_DV})
    kws.subscribe(request=dsw.ccnl_krx, data=[SYMBOL], kwargs={"env_dv": ENV_DV})
    kws.subscribe(request=dsw.asking_price_krx, data=[SYMBOL], kwargs={"env_dv": ENV_DV})
    stream["thread"] = threading.Thread(target=kws.start, kwargs={"on_result": on_result, "result_all_data": True},
                                        daemon=True)
    stream["thread"].start()
    trs = (NOTICE_TR, "H0STCNT0", "H0STASP0")
    deadline = time.time() + 10
    while time.time() < deadline and not all(ka.data_map.get(t, {}).get("iv") for t in trs):
        time.sleep(0.1)
    require(all(ka.data_map.get(t, {}).get("iv") for t in trs), f"subscribe answers with key/iv: {ka.data_map}")
    odno = odno_of(order("buy", 2, 0, "01"))
    wanted = str(odno).lstrip("0")

    def notices():
        rows = [r for t, df in frames if t == NOTICE_TR for _, r in df.iterrows()]
        return [r for r in rows if str(r["ODER_NO"]).lstrip("0") == wanted]

    def seen(tr):
        return [df for t, df in frames if t == tr]

    deadline = time.time() + 10
    while time.time() < deadline and not ({"1", "2"} <= {r["CNTG_YN"] for r in notices()}
                                          and seen("H0STCNT0") and seen("H0STASP0")):
        time.sleep(0.1)
    mine = notices()
    require({"1", "2"} <= {r["CNTG_YN"] for r in mine}, f"notices of {odno}: {[dict(r) for r in mine]}")
    require(seen("H0STCNT0"), "no H0STCNT0 frame")
    require(seen("H0STASP0"), "no H0STASP0 frame")
    fill = next(r for r in mine if r["CNTG_YN"] == "2")
    ask = seen("H0STASP0")[-1].iloc[0]
    return (f"KISWebSocket ccnl_notice({cfg.my_htsid}) + ccnl_krx + asking_price_krx({SYMBOL}): {NOTICE_TR} of "
            f"{odno} accepted and filled {int(fill['CNTG_QTY'])} at {int(fill['CNTG_UNPR'])} (decrypted); "
            f"H0STCNT0 x{len(seen('H0STCNT0'))} (STCK_PRPR {seen('H0STCNT0')[-1].iloc[0]['STCK_PRPR']}), "
            f"H0STASP0 x{len(seen('H0STASP0'))} (ASKP1 {ask['ASKP1']} / BIDP1 {ask['BIDP1']})")


@step("pingpong")
def pingpong():
    # The simulator sends PINGPONG every 30 s, like KIS; the samples answer with a pong frame of its text.
    deadline = time.time() + 40
    while time.time() < deadline and not app_key_stats()["pongFrames"] and not app_key_stats()["pingTextEchoes"]:
        time.sleep(0.5)
    k = app_key_stats()
    kws = stream.get("kws")
    if kws is not None:
        kws.max_retries = 0  # the samples stream until Ctrl-C; this ends their loop after the close below
        if "ws" in stream:
            asyncio.run_coroutine_threadsafe(stream["ws"].close(), stream["loop"])
        stream["thread"].join(5)
    require(k["pongFrames"] or k["pingTextEchoes"], f"no answer to PINGPONG: {k}")
    return (f"PINGPONG answered by the samples: pong frames {k['pongFrames']}, text echoes {k['pingTextEchoes']}; "
            f"stream closed")


print(f"{'' if failures else 'no '}step of {args.env} failed{': ' + ', '.join(failures) if failures else ''}",
      flush=True)
sys.exit(1 if failures else 0)
