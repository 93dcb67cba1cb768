//! Form controls that always show the session's value. A `<select>` the
//! user changes keeps the user's choice in the DOM even when the reducer
//! refuses it (the virtual DOM did not change, so nothing is re-applied):
//! these put the session's value back at once, and take the new one when
//! the edit is accepted.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlledSelectProps {
    pub value: AttrValue,
    /// (value, label, disabled)
    pub options: Vec<(AttrValue, AttrValue, bool)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component(ControlledSelect)]
pub fn controlled_select(props: &ControlledSelectProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.value.clone(), move |v| {
            if let Some(el) = node.cast::<HtmlSelectElement>() {
                el.set_value(v);
            }
        });
    }
    let onchange = {
        let (value, cb) = (props.value.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let chosen = el.value();
            el.set_value(&value);
            cb.emit(chosen);
        })
    };
    html! {
        <select ref={node} {onchange} aria-label={props.label.clone()} disabled={props.disabled}>
            { for props.options.iter().map(|(v, label, disabled)| html! {
                <option value={v.clone()} selected={*v == props.value} disabled={*disabled}>{ label.clone() }</option>
            }) }
        </select>
    }
}

#[derive(Properties, PartialEq)]
pub struct ControlledCheckboxProps {
    pub checked: bool,
    pub onchange: Callback<bool>,
    pub label: AttrValue,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component(ControlledCheckbox)]
pub fn controlled_checkbox(props: &ControlledCheckboxProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.checked, move |c| {
            if let Some(el) = node.cast::<HtmlInputElement>() {
                el.set_checked(*c);
            }
        });
    }
    let onchange = {
        let (checked, cb) = (props.checked, props.onchange.clone());
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let wanted = el.checked();
            el.set_checked(checked);
            cb.emit(wanted);
        })
    };
    html! {
        <input ref={node} type="checkbox" checked={props.checked} {onchange}
            aria-label={props.label.clone()} disabled={props.disabled} />
    }
}

#[derive(Properties, PartialEq)]
pub struct ControlledNumberProps {
    pub value: u32,
    pub onchange: Callback<u32>,
    pub label: AttrValue,
}

/// A number field that commits on change (Enter or leaving the field).
#[function_component(ControlledNumber)]
pub fn controlled_number(props: &ControlledNumberProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.value, move |v| {
            if let Some(el) = node.cast::<HtmlInputElement>() {
                el.set_value(&v.to_string());
            }
        });
    }
    let onchange = {
        let (value, cb) = (props.value, props.onchange.clone());
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let wanted = el.value().trim().parse::<u32>();
            el.set_value(&value.to_string());
            if let Ok(n) = wanted {
                cb.emit(n);
            }
        })
    };
    html! {
        <input ref={node} type="number" min="0" value={props.value.to_string()} {onchange} aria-label={props.label.clone()} />
    }
}
