"""The listing's filter form is written out in one loop from the form's prepared fields
(CatalogFilterForm.display) instead of Django's field and widget templates. What a person or a
screen reader gets must not change: the same labels, ids, names, values, aria attributes, error
lists and selected or checked states as Django's own rendering of the same bound form."""

import re

import pytest
from django.template import engines

from .support import listing

pytestmark = pytest.mark.django_db

# The form as it was written with Django's templates (includes/field.html renders
# `field.as_field_group`), rendered below with the page's own context.
DJANGO_RENDERED = """{% load i18n %}
  <form class="catalog-filters" method="get" action="{{ request.path }}" role="search" aria-label="{% translate 'Buscar y filtrar' %}">
    <div class="field catalog-search{% if form.q.errors %} field--invalid{% endif %}">
      <label for="{{ form.q.id_for_label }}">{% if family %}{% blocktranslate trimmed with name=family.category.name %}Buscar en {{ name }}{% endblocktranslate %}{% else %}{% translate "Buscar en el catálogo" %}{% endif %}</label>
      {{ form.q.errors }}
      <div class="catalog-search__row">
        {{ form.q }}
        <button class="button button--primary" type="submit">{% translate "Buscar" %}</button>
      </div>
    </div>
    <details class="catalog-filters__more"{% if filters_open %} open{% endif %}>
      <summary class="catalog-filters__summary">{% translate "Filtrar y ordenar" %}{% if active_filters %} <span class="catalog-filters__count">{{ active_filters|length }}</span>{% endif %}</summary>
      <div class="catalog-filters__grid">
        {% include "includes/field.html" with field=form.municipio %}
        {% include "includes/field.html" with field=form.tipo %}
        {% include "includes/field.html" with field=form.precio_min %}
        {% include "includes/field.html" with field=form.precio_max %}
        {% include "includes/field.html" with field=form.orden %}
        <div class="catalog-filters__check">{% include "vendors/includes/checkbox.html" with field=form.disponibles %}</div>
      </div>
      <div class="filters__actions">
        <button class="button button--primary" type="submit">{% translate "Aplicar" %}</button>
        {% if active_filters %}<a class="button button--secondary" href="{{ request.path }}">{% translate "Quitar filtros" %}</a>{% endif %}
      </div>
    </details>
  </form>"""


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _page_form(html: str) -> str:
    return re.search(r'<form class="catalog-filters".*?</form>', html, re.S).group(0)


@pytest.fixture
def listed(shop):
    listing(shop, "Arepa de chócolo", price=4_500)


@pytest.mark.parametrize(
    "url",
    [
        "/catalogo/",
        "/catalogo/alimentos-y-bebidas/",
        "/catalogo/?municipio=medellin&tipo=productos&precio_min=10.000&precio_max=5.000"
        "&disponibles=on&orden=mayor-precio",
        "/catalogo/?municipio=05088&orden=recientes",  # a DANE code; the browsing default
        "/catalogo/alimentos-y-bebidas/?municipio=nowhere&tipo=bad&orden=zzz&precio_min=abc",
        "/catalogo/?precio_max=%3Cscript%3E%22&disponibles=false",
        "/catalogo/?q=arepa&orden=menor-precio",
        "/catalogo/?q=%3Cb%3E%22x&orden=nombre",
        "/catalogo/?q=" + "palabra+" * 30,  # longer than a query may be: an error
        "/catalogo/?municipio=&tipo=&orden=&precio_min=&q=",
    ],
)
@pytest.mark.parametrize("language", ["es", "en"])
def test_filter_form_reads_as_django_renders_it(client, listed, url, language):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200

    expected = (
        engines["django"]
        .from_string(DJANGO_RENDERED)
        .render(
            {
                key: response.context[key]
                for key in ("form", "family", "filters_open", "active_filters")
            },
            response.wsgi_request,
        )
    )
    assert _normalised(_page_form(response.content.decode())) == _normalised(expected)
