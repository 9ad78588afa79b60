"""The planning cycle's pages in the four languages, and the demo economy's names in the
catalogues: each page carries its translated words and none of the English ones."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from kurultai.economy import kyrgyz_economy
from kurultai.economy.kyrgyz import DESCRIPTION
from kurultai.web.core.demo import PASSWORD
from kurultai.web.economy import demo_names
from kurultai.web.priorities.models import PriorityRound

# page: {language: words that must be on it}; the English words must be absent elsewhere.
PAGES = {
    "/economy/": {"en": ["Primary resources", "Labour (wages)", "Food, beverages and tobacco"],
                  "ru": ["Первичные ресурсы", "Труд (заработная плата)", "Продукты питания, напитки и табак"],
                  "ky": ["Баштапкы ресурстар", "Эмгек (эмгек акы)", "Тамак-аш, суусундуктар жана тамеки"],
                  "uz": ["Birlamchi resurslar", "Mehnat (ish haqi)", "Oziq-ovqat, ichimliklar va tamaki"]},
    "/economy/techniques/osh-depot-buses/": {
        "en": ["City and intercity buses", "Per unit of output it uses"],
        "ru": ["Городские и междугородние автобусы", "На единицу выпуска расходует"],
        "ky": ["Шаардык жана шаар аралык автобустар", "Чыгаруунун бир бирдигине колдонгону"],
        "uz": ["Shahar va shaharlararo avtobuslar", "Ishlab chiqarish birligiga sarflaydi"]},
    "/priorities/": {"en": ["Priorities for the 2027 plan", "voting open"],
                     "ru": ["Приоритеты плана на 2027 год", "голосование открыто"],
                     "ky": ["2027-жылдын планына артыкчылыктар", "добуш берүү ачык"],
                     "uz": ["2027-yil rejasi uchun ustuvorliklar", "ovoz berish ochiq"]},
    "/plans/": {"en": ["Plan in force", "Plan 2026, version 2"],
                "ru": ["Действующий план", "План на 2026 год, версия 2"],
                "ky": ["Күчүндөгү план", "2026-жылдын планы, 2-версия"],
                "uz": ["Amaldagi reja", "2026-yil rejasi, 2-versiya"]},
    "/plans/2/": {"en": ["Fulfilment by product group", "What the prices say", "How this economy was made"],
                  "ru": ["Выполнение по группам продуктов", "Что говорят цены", "Как получена эта экономика"],
                  "ky": ["Продукция топтору боюнча аткарылыш", "Баалар эмнени айтат", "Бул экономика кантип түзүлгөн"],
                  "uz": ["Mahsulot guruhlari boʻyicha bajarilish", "Narxlar nimani aytadi", "Bu iqtisodiyot qanday tuzilgan"]},
    "/reports/": {"en": ["Plan against actual", "Output is below plan", "(warning)"],
                  "ru": ["План и факт", "Выпуск ниже плана", "(предупреждение)"],
                  "ky": ["План жана иш жүзүндө", "Чыгаруу пландан төмөн", "(эскертүү)"],
                  "uz": ["Reja va amalda", "Ishlab chiqarish rejadan past", "(ogohlantirish)"]},
    "/reports/enterprises/osh-bus-depot/": {
        "en": ["Alert for the workers' committee", "Every report received", "Alert threshold"],
        "ru": ["Предупреждение рабочему комитету", "Все полученные отчёты", "Порог предупреждения"],
        "ky": ["Жумушчулар комитетине эскертүү", "Алынган бардык отчёттор", "Эскертүү босогосу"],
        "uz": ["Ishchilar qoʻmitasi uchun ogohlantirish", "Olingan barcha hisobotlar", "Ogohlantirish chegarasi"]},
}


def test_the_demo_economys_names_are_marked_for_translation():
    economy = kyrgyz_economy()
    assert list(demo_names.SECTORS) == [str(n) for n in economy.products.names]
    assert list(demo_names.TECHNIQUES) == [str(n) for n in economy.techniques.names]
    assert set(demo_names.RESOURCES) == {str(n) for n in economy.resources.names}
    assert set(demo_names.UNITS) == {str(u) for u in (*economy.resources.units, *economy.products.units)}
    assert demo_names.DESCRIPTION == DESCRIPTION


def test_the_planning_cycle_pages_in_each_language(demo, client):
    # The depot's secretary sees the committee's alert and the threshold form.
    depot_secretary = User.objects.get(username="sergei")
    client.login(username=depot_secretary.username, password=PASSWORD)
    open_round = PriorityRound.objects.get(counted_at__isnull=True)
    pages = dict(PAGES)
    pages[open_round.get_absolute_url()] = {
        "en": ["Your ballot", "Points left"], "ru": ["Ваш бюллетень", "Осталось баллов"],
        "ky": ["Бюллетениңиз", "Калган упайлар"], "uz": ["Byulleteningiz", "Qolgan ballar"]}
    for page, words in pages.items():
        for lang, wanted in words.items():
            client.cookies["kurultai_language"] = lang
            response = client.get(page)
            html = response.content.decode()
            assert response.status_code == 200, (lang, page)
            assert f'<html lang="{lang}">' in html, (lang, page)
            assert [w for w in wanted if w not in html] == [], (lang, page)
            if lang != "en":
                assert [w for w in words["en"] if w in html] == [], (lang, page)
