// Escalate to video from a Voice Call or Messaging Session record page (Lightning console). The
// elements come from a static resource (`escalateVideo`, a classic script: see the README); the
// record, read by Lightning Data Service, becomes the interaction; the agent's token comes from
// your Apex. Values are set as properties in code rather than bound in the template, where
// third-party elements get strings.
/* global window, console -- an LWC runs in the browser; the lint gives browser globals to .ts files only */
import { LightningElement, api, wire } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import { getRecord } from 'lightning/uiRecordApi';
import ESCALATE_VIDEO from '@salesforce/resourceUrl/escalateVideo';
// Yours: returns a JWT for the signed-in user that your escalation service accepts.
import agentToken from '@salesforce/apex/EscalateVideoToken.agentToken';

const FIELDS = {
  VoiceCall: ['VoiceCall.VendorCallKey', 'VoiceCall.CallType', 'VoiceCall.FromPhoneNumber', 'VoiceCall.ToPhoneNumber'],
  MessagingSession: ['MessagingSession.MessagingEndUser.Name', 'MessagingSession.MessagingEndUser.MessagingPlatformKey'],
};

export default class EscalateVideo extends LightningElement {
  @api recordId;
  @api objectApiName;
  /** Set in Lightning App Builder (escalateVideo.js-meta.xml). */
  @api serviceUrl;

  record;
  loaded = false;
  listening = false;

  get fields() {
    return FIELDS[this.objectApiName] ?? FIELDS.VoiceCall;
  }

  @wire(getRecord, { recordId: '$recordId', fields: '$fields' })
  wiredRecord({ data, error }) {
    if (error) console.error('escalateVideo: could not read the record', error);
    if (data) {
      this.record = data;
      this.apply();
    }
  }

  connectedCallback() {
    loadScript(this, `${ESCALATE_VIDEO}/escalate-video-salesforce.js`).then(
      () => {
        this.loaded = true;
        this.apply();
      },
      (error) => console.error('escalateVideo: could not load the elements', error),
    );
  }

  renderedCallback() {
    // The record or the script may have arrived before the first render: the refs exist now.
    this.apply();
    // Hyphenated event names cannot be bound in an LWC template: listen in code, once.
    if (this.listening || !this.refs.context) return;
    this.listening = true;
    this.refs.context.addEventListener('escalation-link', (event) => this.postLink(event.detail));
  }

  apply() {
    const context = this.refs?.context;
    // The static resource's bundle puts its helper here (in this component's sandbox).
    const helper = window.EscalateVideo;
    if (!this.loaded || !this.record || !context || !helper) return;
    context.serviceUrl = this.serviceUrl;
    context.getToken = () => agentToken();
    const interaction = helper.interactionFromSalesforceRecord(this.record);
    context.mode = interaction.channel;
    context.interaction = interaction;
  }

  postLink(link) {
    if (this.objectApiName !== 'MessagingSession' || (link.channel !== 'chat' && link.channel !== 'host')) return;
    this.refs.conversation
      .sendTextMessage(this.recordId, { text: `Join the video call: ${link.url}` })
      .catch((error) => console.error('escalateVideo: the video link was not posted', link.url, error));
  }
}
