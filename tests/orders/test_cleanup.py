from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from orders.models import Cart, CartLine
from tests.factories import VariantFactory


def _cart(*, user=None, days_old: int) -> Cart:
    cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=cart, variant=VariantFactory(), quantity=1)
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now() - timedelta(days=days_old))
    return cart


def test_expired_visitor_carts_go_and_everything_else_stays(citizen, capsys):
    expired = _cart(days_old=30)
    recent = _cart(days_old=1)
    signed_in = _cart(user=citizen, days_old=300)
    call_command("purge_carts")
    assert set(Cart.objects.values_list("pk", flat=True)) == {recent.pk, signed_in.pk}
    assert not CartLine.objects.filter(cart_id=expired.pk).exists()
    assert "1 abandoned carts deleted" in capsys.readouterr().out


def test_age_can_be_given_in_days(db):
    _cart(days_old=3)
    call_command("purge_carts", "--days", "2")
    assert not Cart.objects.exists()


def test_setting_the_quantity_of_a_line_removed_meanwhile_changes_nothing(db):
    from orders.services.cart import cart_set_quantity

    cart = _cart(days_old=0)
    line = CartLine.objects.get(cart=cart)
    CartLine.objects.filter(pk=line.pk).delete()  # removed from another tab
    assert cart_set_quantity(line=line, quantity=2) is None
    assert not CartLine.objects.filter(cart=cart).exists()
