// openleadr.objects: constructors with OpenLEADR's keyword names; instances are the dicts add_raw_event reads.
import { VtnError } from '../index.js';
import type {
  ActivePeriodDict, DateTime, Duration, EventDescriptorDict, EventDict, EventSignalDict, IntervalDict, MeasurementDict, TargetDict, TargetsByType,
} from './types.js';

export class Target implements TargetDict {
  ven_id?: string;
  resource_id?: string;
  group_id?: string;
  group_name?: string;
  party_id?: string;
  constructor(fields: TargetDict = {}) {
    Object.assign(this, fields);
  }
}

export class Interval implements IntervalDict {
  dtstart: DateTime;
  duration: Duration;
  signal_payload: number;
  uid?: number | string | null;
  constructor(fields: { dtstart: DateTime; duration: Duration; signal_payload: number; uid?: number | string | null }) {
    this.dtstart = fields.dtstart;
    this.duration = fields.duration;
    this.signal_payload = fields.signal_payload;
    if (fields.uid !== undefined) this.uid = fields.uid;
  }
}

export class ActivePeriod implements ActivePeriodDict {
  dtstart!: DateTime;
  duration!: Duration;
  notification_period?: Duration | null;
  ramp_up_period?: Duration | null;
  recovery_period?: Duration | null;
  tolerance?: ActivePeriodDict['tolerance'];
  constructor(fields: ActivePeriodDict) {
    Object.assign(this, fields);
  }
}

export class EventDescriptor implements EventDescriptorDict {
  event_id: string;
  modification_number: number;
  market_context: string;
  event_status: string;
  created_date_time: DateTime;
  modification_date_time: DateTime;
  priority: number;
  test_event: boolean;
  vtn_comment?: string | null;
  constructor(fields: EventDescriptorDict & { market_context: string; event_status: string }) {
    const now = new Date();
    this.event_id = fields.event_id;
    this.modification_number = fields.modification_number ?? 0;
    this.market_context = fields.market_context;
    this.event_status = fields.event_status;
    this.created_date_time = fields.created_date_time ?? now;
    this.modification_date_time = fields.modification_date_time ?? now;
    this.priority = fields.priority ?? 0;
    this.test_event = fields.test_event ?? false;
    if (fields.vtn_comment !== undefined) this.vtn_comment = fields.vtn_comment;
  }
}

export class EventSignal implements EventSignalDict {
  intervals: IntervalDict[];
  signal_name: string;
  signal_type: string;
  signal_id: string;
  targets?: TargetDict[] | null;
  targets_by_type?: TargetsByType | null;
  measurement?: MeasurementDict | null;
  constructor(fields: EventSignalDict & { signal_id: string }) {
    this.intervals = fields.intervals;
    this.signal_name = fields.signal_name;
    this.signal_type = fields.signal_type;
    this.signal_id = fields.signal_id;
    if (fields.targets) this.targets = fields.targets;
    if (fields.targets_by_type) this.targets_by_type = fields.targets_by_type;
    if (fields.measurement) this.measurement = fields.measurement;
  }
}

export class Event implements EventDict {
  event_descriptor: EventDescriptorDict;
  event_signals: EventSignalDict[];
  targets?: TargetDict[] | null;
  targets_by_type?: TargetsByType | null;
  active_period?: ActivePeriodDict | null;
  response_required: 'always' | 'never';
  constructor(fields: EventDict) {
    // As in OpenLEADR: an event without targets is a mistake, reported where it is made.
    if (!fields.targets && !fields.targets_by_type) {
      throw new VtnError('E_EVENT_TARGET', "You must supply either 'targets' or 'targets_by_type'.", "e.g. targets: [new Target({ ven_id: 'ven123' })]");
    }
    this.event_descriptor = fields.event_descriptor;
    this.event_signals = fields.event_signals;
    if (fields.targets) this.targets = fields.targets;
    if (fields.targets_by_type) this.targets_by_type = fields.targets_by_type;
    if (fields.active_period) this.active_period = fields.active_period;
    this.response_required = fields.response_required ?? 'always';
  }
}
